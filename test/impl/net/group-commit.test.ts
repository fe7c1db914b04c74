/**
 * Group commit (group-commit.ts): sends wait for every save asked before them, states asked while a write is in
 * flight share the next write, and nothing waiting runs after a failed write.
 */
import assert from "node:assert/strict";
import { GroupCommit } from "../../../impl/net/group-commit.js";

interface Write { readonly state: string; readonly land: () => void; readonly fail: (error: Error) => void }

/**
 * A group commit over writes the test lands or fails by hand, starting from durable state "s0".
 * `persistThen(state, label)` asks to persist `state`, then queues an effect that records `label` in `ran`.
 */
function fixture(failed: (error: unknown) => void = () => assert.fail("no failure expected")): {
  commit: GroupCommit<string>; writes: Write[]; ran: string[]; persistThen: (state: string, label: string) => void;
} {
  const writes: Write[] = [];
  const write = (state: string): Promise<void> => new Promise((resolve, reject) => {
    writes.push({ state, land: resolve, fail: reject });
  });
  const commit = new GroupCommit<string>(write, "s0", failed);
  const ran: string[] = [];
  const persistThen = (state: string, label: string): void => {
    commit.persist(state);
    commit.after(() => ran.push(label));
  };
  return { commit, writes, ran, persistThen };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("group commit", () => {
  it("runs an effect at once when no save is pending", () => {
    const { commit, writes, ran } = fixture();
    commit.after(() => ran.push("a"));
    assert.deepEqual(ran, ["a"]);
    assert.equal(writes.length, 0);
  });

  it("holds effects until the save before them lands, then runs them in order", async () => {
    const { commit, writes, ran, persistThen } = fixture();
    persistThen("s1", "a");
    commit.after(() => ran.push("b"));
    assert.deepEqual(ran, []);
    assert.equal(commit.durable, "s0");
    writes[0]?.land();
    await settle();
    assert.deepEqual(ran, ["a", "b"]);
    assert.equal(commit.durable, "s1");
    assert.equal(commit.pending, 0);
  });

  it("covers every state asked while a write is in flight with one write of the newest", async () => {
    const { commit, writes, ran, persistThen } = fixture();
    persistThen("s1", "after s1");
    persistThen("s2", "after s2");
    persistThen("s3", "after s3");
    assert.deepEqual(writes.map((w) => w.state), ["s1"]);
    assert.equal(commit.pending, 2);
    writes[0]?.land();
    await settle();
    // s1 landed: only its effect runs; s2 and s3 share the next write, of s3.
    assert.deepEqual(ran, ["after s1"]);
    assert.deepEqual(writes.map((w) => w.state), ["s1", "s3"]);
    writes[1]?.land();
    await settle();
    assert.deepEqual(ran, ["after s1", "after s2", "after s3"]);
    assert.equal(commit.durable, "s3");
  });

  it("holds an effect asked after a landed save until the next save lands", async () => {
    const { writes, ran, persistThen } = fixture();
    persistThen("s1", "a");
    writes[0]?.land();
    await settle();
    persistThen("s2", "b");
    assert.deepEqual(ran, ["a"]);
    writes[1]?.land();
    await settle();
    assert.deepEqual(ran, ["a", "b"]);
  });

  it("runs nothing waiting after a failed write and reports the failure once", async () => {
    const failures: unknown[] = [];
    const { commit, writes, ran, persistThen } = fixture((error) => failures.push(error));
    persistThen("s1", "a");
    commit.persist("s2");
    writes[0]?.fail(new Error("disk full"));
    await settle();
    commit.after(() => ran.push("b"));
    assert.deepEqual(ran, []);
    assert.deepEqual(failures.map((e) => (e as Error).message), ["disk full"]);
    assert.equal(writes.length, 1);
  });

  it("starts no write and runs nothing once stopped", async () => {
    const { commit, writes, ran, persistThen } = fixture();
    persistThen("s1", "a");
    commit.persist("s2");
    commit.stop();
    writes[0]?.land();
    await settle();
    assert.deepEqual(ran, []);
    assert.equal(writes.length, 1);
  });
});
