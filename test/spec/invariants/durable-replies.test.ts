/** I7d durable replies (spec/invariants/durable-replies.ts) on hand-built crash-restarts. */
import assert from "node:assert/strict";
import { durableReplies } from "../../../spec/invariants/durable-replies.js";
import type { ReportedOutcome, RestartView } from "../../../spec/transition-view.js";
import { asNodeId } from "../../../spec/ids.js";

const restart = (repliesBefore: ReportedOutcome[], repliesAfter: ReportedOutcome[]): RestartView =>
  ({ node: asNodeId(4), role: "coordinator", repliesBefore, repliesAfter });
const t1 = { txn: "t1", outcome: "commit" } as const;
const t2 = { txn: "t2", outcome: "abort" } as const;

describe("durable replies (I7d)", () => {
  it("holds when the restarted coordinator keeps every reply, and may hold more (pruned only later)", () => {
    assert.equal(durableReplies.check(restart([], [])), null);
    assert.equal(durableReplies.check(restart([t1], [t1, t2])), null);
  });

  it("names a reply the restarted coordinator forgot", () => {
    assert.equal(durableReplies.check(restart([t1, t2], [t1])),
      "the coordinator had replied abort for t2 and restarted without it: it forgot an outcome it reported to the " +
      "client");
  });

  it("names a reply the restarted coordinator holds with another outcome", () => {
    assert.match(durableReplies.check(restart([t1], [{ txn: "t1", outcome: "abort" }])) ?? "",
      /replied commit for t1 and restarted with abort/);
  });
});
