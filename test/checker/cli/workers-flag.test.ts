/**
 * `--workers`: by default BFS runs its roots (`--submit each`) on one thread each, up to the cores,
 * and a single root on the main thread; a number asks for that many threads, which several roots
 * use one root each and a single root splits by levels. What the level split cannot honour is
 * refused with one line; what roots on threads can (each is the sequential search) is allowed.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { checkConfigFromFlags } from "../../../checker/cli/check-options.js";

const workersOf = (flags: Record<string, string | boolean>): number => {
  const r = checkConfigFromFlags(flags);
  assert.ok(r.ok, r.ok ? "" : r.error);
  return r.value.bounds.workers;
};

describe("--workers", () => {
  it("defaults to a thread per root up to the cores, and to one for a single root or another mode", () => {
    const cores = availableParallelism();
    assert.equal(workersOf({}), Math.min(2, cores), "the default workload: two roots");
    assert.equal(workersOf({ workers: "auto", txns: "3", submit: "each" }), Math.min(3, cores));
    assert.equal(workersOf({ submit: "together" }), 1);
    assert.equal(workersOf({ txns: "1" }), 1);
    assert.equal(workersOf({ shard: "1/2" }), 1, "a shard runs its part on one thread");
    assert.equal(workersOf({ mode: "random" }), 1);
    assert.equal(workersOf({ workers: "1" }), 1);
    assert.equal(workersOf({ workers: "3" }), 3);
  });

  it("allows every sequential option with roots on threads and refuses the level split's limits", () => {
    assert.equal(workersOf({ workers: "2", reduce: "latent-byzantine,por", "check-por": true }), 2);
    assert.equal(workersOf({ workers: "2", "check-dead-mail": true }), 2);
    const refused: [Record<string, string | boolean>, RegExp][] = [
      [{ workers: "2", submit: "together", reduce: "latent-byzantine,por" },
        /^--reduce por is a flag of the sequential/],
      [{ workers: "2", submit: "together", "check-dead-mail": true }, /^the dead-mail cross-check is a flag of/],
      [{ workers: "2", shard: "1/2" }, /^--workers is a flag of BFS, not yet of a sharded one/],
      [{ workers: "two" }, /--workers/],
      [{ workers: "0" }, /--workers/],
    ];
    for (const [flags, error] of refused) {
      const r = checkConfigFromFlags(flags);
      assert.ok(!r.ok, JSON.stringify(flags));
      assert.match(r.error, error);
    }
  });

  it("reports the same search from the command line either way, and says how it ran", function () {
    this.timeout(120_000);
    const run = (workers: string) => {
      const r = spawnSync(process.execPath, ["dist/checker/cli/check-main.js", "--depth", "5", "--json", "--workers",
        workers], { encoding: "utf8" });
      assert.equal(r.status, 1, r.stderr); // depth 5 decides nothing: vacuous, exit 1, whichever way it ran
      return JSON.parse(r.stdout) as { parallel: string | null; workers: number; distinctStates: number;
        transitions: number; verdict: string; roots: { distinctStates: number }[] };
    };
    const one = run("1");
    const two = run("2");
    assert.deepEqual([one.parallel, one.workers, two.parallel, two.workers], [null, 1, "roots", 2]);
    assert.deepEqual([two.distinctStates, two.transitions, two.verdict, two.roots.map((r) => r.distinctStates)],
      [one.distinctStates, one.transitions, one.verdict, one.roots.map((r) => r.distinctStates)]);
    assert.equal(one.verdict, "vacuous");
  });
});
