/**
 * The brands of spec/ids.ts and the narrowing of spec/signed-kind.ts. The `@ts-expect-error` lines are the
 * type-level half: each must fail to compile (tsc reports an unused directive otherwise), so a swapped view and
 * seq, a txn id passed as a digest, or a signed PREPARE passed where a signed PRE-PREPARE is due stays an error.
 */
import assert from "node:assert/strict";
import {
  asDigest, asNodeId, asSeq, asView, maxSeq, maxView, nextSeq, nextView, seqPlus,
  type Digest, type NodeId, type Seq, type View,
} from "../../spec/ids.js";
import type { PrePrepare, Signed, SignedMessage } from "../../spec/messages.js";
import { isSignedKind } from "../../spec/signed-kind.js";

const takesView = (v: View): number => v;
const takesSeq = (s: Seq): number => s;
const takesNode = (id: NodeId): number => id;
const takesDigest = (d: Digest): string => d;
const takesPrePrepare = (m: Signed<PrePrepare>): View => m.body.view;

describe("branded ids (spec/ids.ts)", () => {
  const view = asView(2);
  const seq = asSeq(5);

  it("keeps a view, a seq, a node id and a digest apart at compile time", () => {
    // @ts-expect-error a Seq is not a View
    takesView(seq);
    // @ts-expect-error a View is not a Seq
    takesSeq(view);
    // @ts-expect-error a plain number is not a NodeId
    takesNode(3);
    // @ts-expect-error a txn id (a plain string) is not a Digest
    takesDigest("t1");
    // @ts-expect-error arithmetic on a View is a plain number: it goes through nextView
    takesView(view + 1);
    assert.equal(takesView(view) + takesSeq(seq), 7, "a brand still reads as its number");
  });

  it("constructs and steps without changing the value", () => {
    assert.equal(asView(2), 2);
    assert.equal(asNodeId(4), 4);
    assert.equal(asDigest("ab"), "ab");
    assert.equal(nextView(view), 3);
    assert.equal(nextSeq(seq), 6);
    assert.equal(seqPlus(seq, -5), 0);
    assert.equal(maxSeq(asSeq(0), seq, asSeq(3)), 5);
    assert.equal(maxView(view), 2, "the floor alone answers an empty list");
  });
});

describe("Signed<M> narrowed by kind (spec/signed-kind.ts)", () => {
  const prePrepare: SignedMessage = {
    body: { kind: "PrePrepare", view: asView(0), seq: asSeq(1), digest: asDigest("d"), proposal: null },
    signer: asNodeId(4), signature: "s",
  };
  const prepare: SignedMessage = {
    body: { kind: "Prepare", view: asView(0), seq: asSeq(1), digest: asDigest("d")
        }, signer: asNodeId(0), signature: "s",
  };

  it("narrows the envelope to the body's kind, and only that kind", () => {
    // @ts-expect-error an unnarrowed signed message is not a signed PRE-PREPARE
    takesPrePrepare(prepare);
    assert.ok(isSignedKind(prePrepare, "PrePrepare"));
    if (isSignedKind(prePrepare, "PrePrepare")) assert.equal(takesPrePrepare(prePrepare), 0);
    assert.equal(isSignedKind(prepare, "PrePrepare"), false);
    assert.equal(isSignedKind(prepare, "Prepare"), true);
  });
});
