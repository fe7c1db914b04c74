import assert from "node:assert/strict";
import { StageIndex, viewStage } from "../../../checker/search/view-stage.js";
import { byzantineLeaderContext, walkToByzantineLeader } from "../../support/byzantine-leader-walk.js";

describe("view stage of a world (swarm coverage's cell picks)", () => {
  it("moves from view 0 to a view change in progress to an installed view 1", () => {
    const ctx = byzantineLeaderContext();
    const stages = walkToByzantineLeader(ctx).map((w) => viewStage(w, ctx));
    // Initial, P1's pre-prepare, P1's timer, P0's VIEW-CHANGE to P2, P1's to P2 (P2 joins), the NEW-VIEW.
    assert.deepEqual(stages, ["0n", "0n", "1v", "1v", "1v", "1n"]);
  });

  it("indexes cells by stage in the order stages were first reached", () => {
    const index = new StageIndex();
    index.add("0n", 0);
    index.add("1v", 1);
    index.add("0n", 2);
    assert.deepEqual(index.stages, [[0, 2], [1]]);
  });
});
