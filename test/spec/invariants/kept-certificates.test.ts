/** I10p kept prepared certificates (spec/invariants/kept-certificates.ts) on hand-built delivery steps. */
import assert from "node:assert/strict";
import { keptCertificates } from "../../../spec/invariants/kept-certificates.js";
import type { CertifiedSeq, KeptCertificates } from "../../../spec/transition-view.js";
import { delivery } from "../../support/delivery-views.js";
import { asSeq, asView } from "../../../spec/ids.js";

const at = (seq: number, view: number): CertifiedSeq => ({ seq: asSeq(seq), view: asView(view) });
const step = (before: CertifiedSeq[], after: CertifiedSeq[], h: number): KeptCertificates =>
  ({ before, after, lowWatermarkAfter: asSeq(h) });

describe("kept prepared certificates (I10p)", () => {
  it("judges nothing when the step left the log and P set alone", () => {
    assert.equal(keptCertificates.check(delivery()), null);
  });

  it("holds when every certificate above h is kept or replaced by one of a later view", () => {
    const kept = step([at(1, 0), at(2, 0)], [at(1, 0), at(2, 1), at(3, 1)], 0);
    assert.equal(keptCertificates.check(delivery({ certificates: kept })), null);
  });

  it("lets the window move drop the certificates at or below the new h", () => {
    assert.equal(keptCertificates.check(delivery({ certificates: step([at(1, 0), at(2, 0)], [at(2, 0)], 1) })), null);
  });

  it("names a certificate above h that the step dropped", () => {
    assert.equal(keptCertificates.check(delivery({ certificates: step([at(1, 0), at(2, 0)], [], 1) })),
      "P2 dropped its prepared certificate for view 0 seq 2 on a Prepare, above its low watermark 1: its next " +
      "VIEW-CHANGE cannot carry it");
  });

  it("names a certificate replaced by one of an earlier view", () => {
    assert.match(keptCertificates.check(delivery({ certificates: step([at(2, 1)], [at(2, 0)], 0) })) ?? "",
      /dropped its prepared certificate for view 1 seq 2/);
  });
});
