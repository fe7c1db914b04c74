/** The bounded-confirmations invariant (spec/invariants/bounded-confirmations.ts) on hand-built global views. */
import assert from "node:assert/strict";
import type { GlobalView } from "../../../spec/global-view.js";
import type { Confirm, Signed } from "../../../spec/messages.js";
import { boundedConfirmations } from "../../../spec/invariants/bounded-confirmations.js";
import { asDigest, asNodeId, asSeq } from "../../../spec/ids.js";

const confirm = (signer: number, seq: number, txn: string): Signed<Confirm> =>
  ({ body: { kind: "Confirm", seq: asSeq(seq), txn, outcome: "commit", replicaDigest: asDigest("r") }, signer:
        asNodeId(signer), signature: "s" });
const submitted = ["t1", "t2"].map((id) => ({ txn: { id, writes: [], reads: [] }, flag: "commit" as const }));

const world = (h: number, confirmations: Signed<Confirm>[], replied: string[]): GlobalView => ({
  n: 4, f: 1, windowSize: 4, participants: [], honestMask: 0b11111, provenBy: [], coordinatorHonest: true,
  replies: replied.map((txn) => ({ txn, outcome: "commit" as const
          })), confirmations, coordinatorLowWatermark: asSeq(h),
  submitted, viewChanged: false,
});

describe("bounded confirmations", () => {
  it("holds for any seq of the window, and for one per signer of an awaited txn outside it", () => {
    const held = [confirm(3, 3, "zz"), confirm(3, 6, "t1"), confirm(0, 1, "t2"), confirm(3, 100, "t2")];
    assert.equal(boundedConfirmations.check(world(2, held, [])), null);
  });

  it("names a confirmation of a replied txn below the window", () => {
    assert.equal(boundedConfirmations.check(world(2, [confirm(0, 1, "t1")], ["t1"])),
      "the coordinator holds P0's confirmation s=1 t1 outside the window (2, 6], for a txn it awaits no reply for");
  });

  it("names a second confirmation of one signer for one awaited txn outside the window", () => {
    assert.match(boundedConfirmations.check(world(2, [confirm(3, 1, "t1"), confirm(3, 50, "t1")], [])) ?? "",
      /P3's confirmation s=50 t1 outside the window \(2, 6\], a second one of that signer for that txn/);
  });

  it("keeps a batch confirmation outside the window while one of its awaited txns has no earlier one", () => {
    // One signed confirmation of a batch speaks for t1 (replied) and t2 (awaited): it stays for t2, once.
    const batch = (seq: number): Signed<Confirm> =>
      ({ ...confirm(3, seq, "t1"), body: { ...confirm(3, seq, "t1").body, rest: [{ txn: "t2", outcome: "abort" }] } });
    assert.equal(boundedConfirmations.check(world(2, [batch(1)], ["t1"])), null);
    assert.match(boundedConfirmations.check(world(2, [batch(1), batch(50)], ["t1"])) ?? "",
      /P3's confirmation s=50 t1,t2 outside the window \(2, 6\], a second one of that signer for that txn/);
    assert.match(boundedConfirmations.check(world(2, [batch(1)], ["t1", "t2"])) ?? "", /awaits no reply for/);
  });

  it("judges no Byzantine coordinator", () => {
    const byzantine = { ...world(2, [confirm(0, 1, "t1")], ["t1"]), coordinatorHonest: false };
    assert.equal(boundedConfirmations.check(byzantine), null);
  });
});
