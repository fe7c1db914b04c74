/**
 * Justified views (I10d) (spec/invariants/justified-view.ts)
 * on hand-built retained state of one honest participant, signed with the checker's symbolic signatures,
 * judged by the independent rules.
 */
import assert from "node:assert/strict";
import { justifiedView } from "../../../spec/invariants/justified-view.js";
import { held, newView, prePrepare, signAs, viewOf } from "../../support/held-states.js";
import { asNodeId, asSeq, asView } from "../../../spec/ids.js";

describe("I10d justified views", () => {
  // P0 leads view 1; P2 holds its NEW-VIEW.
  const nv = newView(asView(1), [1, 2, 3]);
  const at = (overrides: Parameters<typeof held>[0]) => viewOf(held({ id: asNodeId(2), view: asView(1), newView: nv,
          ...overrides }));

  it("holds for a NEW-VIEW the view's leader signed from Q sound VIEW-CHANGEs", () => {
    assert.equal(justifiedView.check(at({ newViewSigned: signAs(asNodeId(0), nv) })), null);
  });

  it("names a NEW-VIEW signed by a non-leader, one with too few VIEW-CHANGEs, and a view without one", () => {
    assert.equal(justifiedView.check(at({ newViewSigned: signAs(asNodeId(1), nv) })),
      "P2 installed a NEW-VIEW for view 1 not from its leader 0");
    const small = newView(asView(1), [1, 3]);
    const problem = justifiedView.check(at({ newView: small, newViewSigned: signAs(asNodeId(0), small) }));
    assert.match(problem ?? "", /carries 2 view-changes, needs 3/);
    assert.equal(justifiedView.check(at({ newView: null })), "P2 is in view 1 without its NEW-VIEW");
  });

  it("names a NEW-VIEW whose pre-prepares do not follow from its VIEW-CHANGEs", () => {
    const extra = { ...nv, prePrepares: [prePrepare(asView(1), asSeq(1), null, asNodeId(0)).body] };
    assert.match(justifiedView.check(at({ newView: extra, newViewSigned: signAs(asNodeId(0), extra) })) ?? "",
        /do not follow/);
  });
});
