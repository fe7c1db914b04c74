/** Honest signing (spec/invariants/honest-signing.ts) over hand-built signing histories. */
import assert from "node:assert/strict";
import type { Message } from "../../../spec/messages.js";
import { doubleSigned } from "../../../spec/invariants/honest-signing.js";
import { asDigest, asSeq, asView } from "../../../spec/ids.js";

const prepare = (seq: number, digest: string): Message => ({ kind: "Prepare", view: asView(0), seq: asSeq(seq), digest:
      asDigest(digest) });
const confirm = (replicaDigest: string): Message =>
  ({ kind: "Confirm", seq: asSeq(1), txn: "t1", outcome: "commit", replicaDigest: asDigest(replicaDigest) });

describe("honest signing", () => {
  it("holds for repeats of one message and for messages about different slots", () => {
    assert.deepEqual(doubleSigned([prepare(1, "a"), prepare(1, "a"), prepare(2, "b")]), []);
  });

  it("names each (kind, view, seq) signed with two different statements, once", () => {
    assert.deepEqual(doubleSigned([prepare(1, "a"), prepare(1, "b"), prepare(1, "c")]), ["Prepare v=0 s=1"]);
    assert.deepEqual(doubleSigned([confirm("r1"), confirm("r2")]), ["Confirm s=1"]);
  });
});
