/** I10r relayed flag kept (spec/invariants/relayed-flag.ts) on hand-built delivery steps. */
import assert from "node:assert/strict";
import { relayedFlag } from "../../../spec/invariants/relayed-flag.js";
import type { Outcome } from "../../../spec/messages.js";
import type { RelayTaken } from "../../../spec/transition-view.js";
import { delivery } from "../../support/delivery-views.js";

const taken = (relayedFlag: Outcome, ...proposedFlags: Outcome[]): RelayTaken =>
  ({ txn: "t1", relayedFlag, proposedFlags });

describe("relayed flag kept (I10r)", () => {
  it("judges nothing when the step took no relayed request as the leader's first word on a txn", () => {
    assert.equal(relayedFlag.check(delivery()), null);
  });

  it("holds when the leader proposes or holds the txn with the flag the coordinator relayed", () => {
    assert.equal(relayedFlag.check(delivery({ relay: taken("commit", "commit") })), null);
    assert.equal(relayedFlag.check(delivery({ relay: taken("abort", "abort") })), null);
  });

  it("names a relayed commit the leader proposed as abort", () => {
    assert.equal(relayedFlag.check(delivery({ relay: taken("commit", "abort") })),
      "P2 leads its view and took the coordinator's Request for t1 flagged commit, but proposed it abort: the flag " +
      "is the coordinator's decision, never a leader's");
  });

  it("names a relayed abort the leader proposed as commit", () => {
    assert.match(relayedFlag.check(delivery({ relay: taken("abort", "commit") })) ?? "", /flagged abort, but proposed/);
  });
});
