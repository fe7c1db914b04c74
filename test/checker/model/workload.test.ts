/**
 * The workload dimensions (checker/model/workload.ts): flags per txn, failing preconditions, conflicting keys; CLI
 * and swarm.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { makeCheckConfig } from "../../../checker/model/check-config.js";
import { makeContext, withFreshTables } from "../../../checker/model/context.js";
import { checkConfigFromFlags, checkFlags } from "../../../checker/cli/check-options.js";
import { parseFlags } from "../../../checker/cli/flags.js";
import { randomRerunCommand } from "../../../checker/cli/rerun-command.js";
import { swarmConfig, swarmDrawArbitrary } from "../../../checker/search/swarm.js";
import { describeWorkload, workloadOf, workloadTxns } from "../../../checker/model/workload.js";
import { asNodeId } from "../../../spec/ids.js";

function fromFlags(args: string[]) {
  const parsed = parseFlags(args, checkFlags);
  assert.ok(parsed.ok);
  return checkConfigFromFlags(parsed.values);
}

describe("workload", () => {
  it("builds txns with one flag each, a stale read and one shared key", () => {
    const made = makeCheckConfig({ flags: ["commit", "abort", "commit"], stale: [3], keys: 1 });
    assert.ok(made.ok);
    assert.deepEqual(made.config.txns.map((t) => [t.txn.id, t.flag, t.txn.writes[0]?.key, t.txn.reads[0]?.version]),
      [["t1", "commit", "k0", 0], ["t2", "abort", "k0", 0], ["t3", "commit", "k0", 4]]);
    assert.equal(describeWorkload(made.config.txns), "txns=3 flags=commit,abort,commit stale=t3 keys=1");
  });

  it("keeps the old default txns (k(i mod 2), read at version 0), so stored traces and golden counts hold", () => {
    const made = makeCheckConfig({ txnCount: 3 });
    assert.ok(made.ok);
    assert.deepEqual(made.config.txns[2], {
      txn: { id: "t3", writes: [{ key: "k0", value: "v3" }], reads: [{ key: "k0", version: 0 }] }, flag: "commit",
    });
  });

  it("recovers the workload from its txns, and gives up on hand-written ones", () => {
    const w = { txns: [{ flag: "abort" as const, stale: true }, { flag: "commit" as const, stale: false }], keys: 1 };
    assert.deepEqual(workloadOf(workloadTxns(w)), w);
    assert.equal(workloadOf([{ txn: { id: "x", writes: [], reads: [] }, flag: "commit" }]), null);
  });

  it("takes --flags, --stale-reads and --keys, and re-runs with them", () => {
    const r = fromFlags(["--mode", "random", "--flags", "commit,abort", "--stale-reads", "t1", "--keys", "1"]);
    assert.ok(r.ok);
    assert.equal(describeWorkload(r.value.config.txns), "txns=2 flags=commit,abort stale=t1 keys=1");
    const rerun = randomRerunCommand(r.value.config, { runs: 1, steps: 1, seed: 1, swarm: false, liveness: "auto" });
    assert.match(rerun, / --flags commit,abort --stale-reads t1 --keys 1 /);
  });

  it("rejects contradicting workload flags in one line", () => {
    const bad = (args: string[]): string => {
      const r = fromFlags(args);
      assert.ok(!r.ok);
      return r.error;
    };
    assert.equal(bad(["--flags", "commit,maybe"]),
      `--flags takes commit|abort per txn, like commit,abort, got "maybe"`);
    assert.equal(bad(["--flags", "commit,abort", "--flag", "abort"]), "--flag and --flags both given: use one");
    assert.equal(bad(["--flags", "commit,abort", "--txns", "3"]), "--txns 3 disagrees with --flags (2 flags)");
    assert.equal(bad(["--txns", "2", "--stale-reads", "3"]),
      `--stale-reads takes txn numbers in 1..2 like 2 or t2, got "3"`);
    assert.equal(bad(["--mode", "random", "--submit", "each"]), "--submit is a flag of --mode bfs, not --mode random");
  });

  it("defaults BFS to t1 commit and t2 abort, one search each; named workloads are submitted together", () => {
    const d = fromFlags([]);
    assert.ok(d.ok);
    assert.deepEqual(d.value.config.txns.map((t) => t.flag), ["commit", "abort"]);
    assert.equal(d.value.bounds.submit, "each");
    const named = fromFlags(["--txns", "2"]);
    assert.ok(named.ok);
    assert.equal(named.value.bounds.submit, "together");
    const random = fromFlags(["--mode", "random"]);
    assert.ok(random.ok);
    assert.equal(random.value.config.txns.length, 1);
  });

  it("lets swarm draw mixed flags, stale reads, one key and P0 (view 1's leader) among the Byzantine", () => {
    const made = makeCheckConfig({ txnCount: 2 });
    assert.ok(made.ok);
    const configs = fc.sample(swarmDrawArbitrary(2), { numRuns: 200, seed: 3 }).map((d) => swarmConfig(made.config, d));
    assert.ok(configs.some((c) => c.byzantine.includes(asNodeId(0))));
    assert.ok(configs.some((c) => !c.byzantine.includes(asNodeId(0))));
    assert.ok(configs.some((c) => new Set(c.txns.map((t) => t.flag)).size === 2));
    assert.ok(configs.some((c) => workloadOf(c.txns)?.keys === 1));
    assert.ok(configs.some((c) => workloadOf(c.txns)?.txns.some((t) => t.stale) === true));
    assert.ok(configs.every((c) => c.txns.length === 2));
  });

  it("gives each random run its own message table and delivery memo, sharing only immutable parts", () => {
    const made = makeCheckConfig({});
    assert.ok(made.ok);
    const ctx = makeContext(made.config);
    const run = withFreshTables(ctx);
    assert.notEqual(run.messages, ctx.messages);
    assert.notEqual(run.stepMemo, ctx.stepMemo);
    assert.equal(run.alphabet, ctx.alphabet);
  });
});
