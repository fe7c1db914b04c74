import assert from "node:assert/strict";
import { alwaysEach, sometimesEach, type Invariant } from "../../../spec/global-view.js";
import { safetyInvariants, sometimesProperties } from "../../../spec/invariants/index.js";
import { makeCheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import { makeContext } from "../../../checker/model/context.js";
import { globalView } from "../../../checker/model/global-view-adapter.js";
import { ParticipantJudgements } from "../../../checker/model/participant-judgements.js";
import { exploreBfs } from "../../../checker/model/world-bfs.js";
import type { World } from "../../../checker/model/world.js";

// Planted per-participant properties that fail or hold in many reachable states, so that the memo's order of
// reading (invariant, then participant) and its messages are compared where it matters, not only on nulls.
const executedSomething = alwaysEach("X1", "nothing executed", (p) =>
  p.lastExecuted > 0 ? `P${p.id} executed through s${p.lastExecuted}` : null);
const prePrepared = sometimesEach("X2", "some pre-prepare held", (p) => p.prePrepares.length > 0);
const planted: readonly Invariant[] = [executedSomething, prePrepared];
const judged = [...safetyInvariants, ...sometimesProperties, ...planted];

// Model a reaches decisions by depth 10; every fault budget gives crashed and restarted participants.
const cases: [string, CheckConfigInput, number, boolean][] = [
  ["model a (equivocating P3)", { strategy: "equivocate", budgets: { loss: 0, dup: 0, timeouts: 0 } }, 10, true],
  ["every fault budget at 1", { budgets: { loss: 1, dup: 1, timeouts: 1, crashes: 1, partitions: 1 } }, 3, false],
];

describe("ParticipantJudgements", () => {
  for (const [name, input, depth, decides] of cases) {
    it(`judges every world of a BFS as the plain checks do (${name}, depth ${depth})`, function () {
      this.timeout(120_000);
      const made = makeCheckConfig(input);
      assert.ok(made.ok);
      const ctx = makeContext(made.config);
      const worlds: World[] = [];
      exploreBfs(ctx, { depthMax: depth, statesMax: 1_000_000, bytesMax: 2 ** 28, reduceLatentByzantine: true,
        onState: (w) => worlds.push(w) });
      const judgements = new ParticipantJudgements(ctx, judged);
      const failed = new Map<string, number>();
      for (const w of worlds) {
        const memoized = judgements.view(w);
        const plain = globalView(w, ctx);
        for (const inv of judged) {
          const verdict = judgements.check(inv, memoized);
          assert.equal(verdict, inv.check(plain), `${inv.id} on a world of ${w.inFlight.length} envelopes`);
          if (verdict !== null) failed.set(inv.id, (failed.get(inv.id) ?? 0) + 1);
        }
      }
      // Both planted properties must have been judged both ways, else the comparison proved little.
      if (!decides) return;
      const some = (id: string): number => failed.get(id) ?? 0;
      assert.ok(some("X1") > 0 && some("X1") < worlds.length, `X1 failed in ${some("X1")} of ${worlds.length}`);
      assert.ok(some("X2") > 0 && some("X2") < worlds.length, `X2 unreached in ${some("X2")} of ${worlds.length}`);
    });
  }

  it("spec: an each-participant invariant's check is its participant part over the participants", function () {
    this.timeout(120_000);
    const made = makeCheckConfig({ strategy: "equivocate", budgets: { loss: 0, dup: 0, timeouts: 0 } });
    assert.ok(made.ok);
    const ctx = makeContext(made.config);
    const worlds: World[] = [];
    exploreBfs(ctx, { depthMax: 10, statesMax: 1_000_000, bytesMax: 2 ** 28, reduceLatentByzantine: true,
      onState: (w) => worlds.push(w) });
    let checked = 0;
    for (const w of worlds) {
      const g = globalView(w, ctx);
      for (const inv of judged) {
        const part = inv.participant;
        if (part === undefined) continue;
        const first = g.participants.map((p) => part(p, g));
        const expected = inv.kind === "always" ? first.find((m) => m !== null) ?? null
          : first.some((m) => m === null) ? null : "not reached";
        assert.equal(inv.check(g), expected, inv.id);
        checked++;
      }
    }
    assert.ok(checked > worlds.length * 5, `${checked} checks`);
  });
});
