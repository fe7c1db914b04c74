/** signedOfKind: the router's narrowing, which asserts (a mismatch is a routing bug of ours, not peer input). */
import assert from "node:assert/strict";
import { AssertionFailure } from "../../../impl/core/assert.js";
import { signedOfKind } from "../../../impl/core/signed-kind.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";
import type { SignedMessage } from "../../../spec/messages.js";

describe("signedOfKind", () => {
  const commit: SignedMessage = {
    body: { kind: "Commit", view: asView(1), seq: asSeq(2), digest: asDigest("d")
        }, signer: asNodeId(3), signature: "s",
  };

  it("returns the same envelope when the kind matches", () => {
    assert.equal(signedOfKind(commit, "Commit"), commit);
    assert.equal(signedOfKind(commit, "Commit").body.view, 1);
  });

  it("asserts when the router passed another kind", () => {
    assert.throws(() => signedOfKind(commit, "Prepare"), AssertionFailure);
    assert.throws(() => signedOfKind(commit, "Prepare"), /a Commit routed as a Prepare/);
  });
});
