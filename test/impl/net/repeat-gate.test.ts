/** A participant's gate on repeated slot messages (repeat-gate.ts). */
import assert from "node:assert/strict";
import type { Message } from "../../../spec/messages.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";
import { RepeatGate } from "../../../impl/net/repeat-gate.js";

const slot = { view: asView(0), seq: asSeq(3), digest: asDigest("d3") };
const prepare = { kind: "Prepare", ...slot } as Message;
const commit = { kind: "Commit", ...slot } as Message;
const confirm = { kind: "Confirm", seq: asSeq(3), txn: "t1", outcome: "commit" } as unknown as Message;
const checkpoint = { kind: "Checkpoint", seq: asSeq(4), stateDigest: asDigest("s") } as unknown as Message;
const p = (id: number): ReturnType<typeof asNodeId> => asNodeId(id);
const yes = (): boolean => true;

describe("repeat gate", () => {
  it("sends firsts at once and a repeat of a pending slot's vote once per gap per peer", () => {
    const gate = new RepeatGate(() => 1_000);
    assert.equal(gate.offer(p(1), prepare, 0, false), true);
    assert.equal(gate.offer(p(2), prepare, 0, false), true, "another peer is another send");
    assert.equal(gate.offer(p(1), prepare, 999, false), false, "the resend timer fired before the slot stalled");
    assert.equal(gate.offer(p(1), prepare, 1_000, false), true);
    assert.equal(gate.offer(p(1), checkpoint, 1_001, false), true, "not a slot message: never gated");
    assert.equal(gate.offer(p(1), checkpoint, 1_002, false), true);
  });

  it("drops repeated votes for an executed slot but always lets a confirmation through", () => {
    const gate = new RepeatGate(() => 1_000);
    gate.offer(p(1), prepare, 0, false);
    gate.offer(p(4), confirm, 0, true);
    assert.equal(gate.offer(p(1), prepare, 5_000, true), false, "the coordinator resent for the confirmation only");
    assert.equal(gate.offer(p(4), confirm, 5_000, true), true, "the coordinator lacks it: it asked");
  });

  it("samples the latency from its PREPARE to its confirmation", () => {
    const gate = new RepeatGate(() => 1_000);
    const samples: number[] = [];
    gate.offer(p(1), prepare, 100, false);
    gate.offer(p(4), confirm, 700, true, (ms) => samples.push(ms));
    gate.offer(p(4), confirm, 900, true, (ms) => samples.push(ms));
    assert.deepEqual(samples, [600], "the first confirmation only");
  });

  it("answers a peer's second vote for an executed slot with the votes it lacks, at most once per gap", () => {
    const gate = new RepeatGate(() => 1_000);
    gate.offer(p(2), prepare, 0, false);
    gate.offer(p(2), commit, 10, false);
    assert.deepEqual(gate.answer(p(2), commit, 500, yes), [], "a first COMMIT is normal traffic");
    assert.deepEqual(gate.answer(p(2), commit, 600, yes), [], "a repeat within a gap of our last send");
    assert.deepEqual(gate.answer(p(2), commit, 1_500, yes), [commit], "prepared but stuck: our COMMIT");
    assert.deepEqual(gate.answer(p(3), prepare, 1_600, yes), []);
    assert.deepEqual(gate.answer(p(3), prepare, 1_700, yes), [prepare, commit], "not prepared: both votes");
    assert.deepEqual(gate.answer(p(3), prepare, 1_800, yes), [], "answered within the gap");
    assert.deepEqual(gate.answer(p(2), commit, 3_000, () => false), [], "not executed here, or a view change");
  });

  it("answers a first vote that comes a gap or more after this participant executed the slot", () => {
    const gate = new RepeatGate(() => 1_000);
    gate.offer(p(2), prepare, 0, false);
    gate.offer(p(2), commit, 10, false);
    gate.offer(p(4), confirm, 20, true);
    assert.deepEqual(gate.answer(p(1), commit, 300, yes), [], "a straggler's vote, moments after we executed");
    assert.deepEqual(gate.answer(p(3), prepare, 1_100, yes), [prepare, commit], "its first was lost: it is stuck");
  });

  it("forgets slots at or below the low watermark", () => {
    const gate = new RepeatGate(() => 1_000);
    gate.offer(p(1), prepare, 0, false);
    gate.answer(p(1), prepare, 0, yes);
    assert.ok(gate.trackedCount > 0);
    gate.prune(3);
    assert.equal(gate.trackedCount, 0);
    assert.equal(gate.offer(p(1), prepare, 1, false), true, "a first send again");
  });
});
