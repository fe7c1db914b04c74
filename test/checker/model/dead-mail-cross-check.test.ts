/**
 * The cross-check of dead-message collection (checker/model/dead-mail-cross-check.ts,
 * `--check-dead-mail`): the search keeps dead mail, delivers it and requires a
 * self-loop, and requires mail once dead to stay dead. Clean on the core's own
 * predicate; a collector that calls live mail dead is caught with a path; the CLI
 * refuses the flag where the collection is unsound, with one line and exit 2.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { makeCheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import { makeContext } from "../../../checker/model/context.js";
import type { DeadMailCollector } from "../../../checker/model/dead-mail.js";
import { DeadMailCrossCheck, deadMailInvariant } from "../../../checker/model/dead-mail-cross-check.js";
import { exploreBfs } from "../../../checker/model/world-bfs.js";
import { initialWorld } from "../../../checker/model/initial-world.js";
import type { Envelope } from "../../../checker/model/world.js";
import { repoRoot } from "../../support/replay-cli.js";

const checkMain = fileURLToPath(new URL("../../../checker/cli/check-main.js", import.meta.url));

const cases: [string, CheckConfigInput, number][] = [
  ["equivocating P3", { strategy: "equivocate", budgets: { loss: 0, dup: 0, timeouts: 0 } }, 9],
  ["silent coordinator, timeouts, a crash and a loss", {
    coordinator: "silent", strategy: "silent", budgets: { loss: 1, dup: 0, timeouts: 2, crashes: 1 },
  }, 6],
  ["every fault budget at 1, full alphabet",
    { budgets: { loss: 1, dup: 1, timeouts: 1, crashes: 1, partitions: 1 } }, 3],
];

describe("dead-mail cross-check (--check-dead-mail)", () => {
  for (const [name, input, depth] of cases) {
    it(`finds every delivery of dead mail a self-loop: ${name}, depth ${depth}`, function () {
      this.timeout(600_000);
      const made = makeCheckConfig(input);
      assert.ok(made.ok);
      const r = exploreBfs(makeContext(made.config), {
        depthMax: depth, statesMax: 5_000_000, bytesMax: 2 ** 30, reduceLatentByzantine: true, checkDeadMail: true,
      });
      assert.equal(r.violation, null);
      assert.ok(r.distinctStates > 1000, `only ${r.distinctStates} states`);
    });
  }

  it("catches a collector that calls live mail dead", () => {
    const made = makeCheckConfig({ strategy: "silent", budgets: { loss: 0, dup: 0, timeouts: 0 } });
    assert.ok(made.ok);
    const ctx = makeContext(made.config);
    const world = initialWorld(ctx);
    const liar = { isDead: () => true } as unknown as DeadMailCollector;
    const check = new DeadMailCrossCheck(ctx, liar);
    check.setParent(world);
    const envelope = world.inFlight[0] as Envelope; // a PRE-PREPARE: its delivery makes the target send PREPAREs
    const violation = check.check(world, { kind: "deliver", envelope });
    assert.equal(violation?.invariant, deadMailInvariant);
    assert.match(violation?.message ?? "", /judged dead, but delivering it emits/);
  });

  it("is refused, with one line and exit 2, where two faulty nodes lead consecutive views", () => {
    for (const flag of [["--check-dead-mail"], ["--reduce", "dead-mail"]]) {
      const r = spawnSync(process.execPath, [checkMain, "--coordinator", "byzantine", "--depth", "2", ...flag],
        { cwd: repoRoot, encoding: "utf8", timeout: 120_000 });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr.trim(), /^.*consecutive views.*$/);
    }
  });
});
