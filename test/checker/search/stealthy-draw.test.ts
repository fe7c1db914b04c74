import assert from "node:assert/strict";
import { enabledActions, type Action } from "../../../checker/model/actions.js";
import { stepChecked } from "../../../checker/model/checked-step.js";
import { makeRng } from "../../../checker/engine/prng.js";
import type { World } from "../../../checker/model/world.js";
import { convictsSender, drawStealthy } from "../../../checker/search/stealthy-draw.js";
import { byzantineLeaderContext, walkToByzantineLeader } from "../../support/byzantine-leader-walk.js";

describe("stealthy draw of a Byzantine move (swarm coverage)", () => {
  const ctx = byzantineLeaderContext();
  const world = walkToByzantineLeader(ctx).at(-1) as World;
  // P0 leads view 1 and P2 installed its NEW-VIEW: P0's PRE-PREPAREs to P2 are the group drawn from.
  const group = enabledActions(world, ctx).filter((a) => a.kind === "byzantine" && a.to === 2 &&
    a.message.kind === "PrePrepare" && a.message.view === 1);
  const step = (a: Action) => stepChecked(world, a, ctx);
  const convicting = group.filter((a) => convictsSender(world, a, step(a)));
  const accepted = group.filter((a) => {
    const n = step(a);
    return n.selfLoop !== true && !convictsSender(world, a, n);
  });

  it("the group holds moves that convict the leader (a commit without authority, a seq its NEW-VIEW fixed)", () => {
    assert.ok(convicting.length >= 2, `${convicting.length} convicting of ${group.length}`);
    assert.ok(accepted.length >= 1, `${accepted.length} accepted of ${group.length}`);
  });

  it("ends on a move its target accepts without proof, for every seed, when the budget allows", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const drawn = drawStealthy(makeRng(seed), world, group, { left: group.length }, step);
      assert.ok(accepted.includes(drawn.action), `seed ${seed} drew a move that is ignored or convicts P0`);
    }
  });

  it("takes the first move drawn when no redraw is left: the odds move, the alphabet does not", () => {
    const drawnKinds = new Set<boolean>();
    for (let seed = 1; seed <= 40; seed++) {
      const budget = { left: 0 };
      const drawn = drawStealthy(makeRng(seed), world, group, budget, step);
      drawnKinds.add(convicting.includes(drawn.action));
      assert.equal(budget.left, 0);
    }
    assert.deepEqual([...drawnKinds].sort(), [false, true]);
  });

  it("a delivery never counts as convicting its sender", () => {
    const delivery = enabledActions(world, ctx).find((a) => a.kind === "deliver") as Action;
    assert.equal(convictsSender(world, delivery, step(delivery)), false);
  });
});
