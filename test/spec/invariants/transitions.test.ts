/**
 * The delivery properties (spec/invariants/transitions.ts) on real transitions: an honest participant of the
 * checker's initial world steps on the coordinator's PRE-PREPARE through the real core, and the properties hold;
 * the same node "steps" on a conflicting PRE-PREPARE without reacting (a core that drops it silently), and the
 * first property in order, I6, names it. A NEW-VIEW installed from a non-leader breaks only the second, I9.
 */
import assert from "node:assert/strict";
import type { DeliveryView } from "../../../spec/transition-view.js";
import type { PrePrepare, Signed } from "../../../spec/messages.js";
import { deliveryProperties } from "../../../spec/invariants/transitions.js";
import { makeCheckConfig } from "../../../checker/model/check-config.js";
import { makeContext } from "../../../checker/model/context.js";
import { initialWorld } from "../../../checker/model/initial-world.js";
import { deliveryView } from "../../../checker/model/transition-checks.js";
import { signAs } from "../../../checker/model/symbolic-crypto.js";
import { step } from "../../../impl/core/step.js";
import type { NodeState } from "../../../impl/core/types.js";
import { delivery } from "../../support/delivery-views.js";
import { asDigest, asNodeId, asView } from "../../../spec/ids.js";

/** The first delivery property `d` breaks, as the checker judges one (transition-checks.ts), or null. */
function firstBroken(d: DeliveryView): string | null {
  for (const p of deliveryProperties) if (p.check(d) !== null) return p.name;
  return null;
}

describe("delivery properties (spec/invariants/transitions.ts)", () => {
  const made = makeCheckConfig({});
  if (!made.ok) throw new Error(made.error);
  const ctx = makeContext(made.config);
  const world = initialWorld(ctx);
  const envelope = world.inFlight.find((e) => e.to === 0 && e.message.body.kind === "PrePrepare");
  assert.ok(envelope !== undefined, "the coordinator's PRE-PREPARE to P0 is in flight in the initial world");
  const before = world.nodes[0] as NodeState;
  const m = envelope.message as Signed<PrePrepare>;
  const after = step(before, { kind: "Delivered", from: envelope.from, message: m }, ctx.env).state;

  it("lists I6, I9, I10p, I10r, then I10g, the order a violation is named in", () => {
    assert.deepEqual(deliveryProperties.map((p) => p.id), ["I6", "I9", "I10p", "I10r", "I10g"]);
  });

  it("hold when an honest participant accepts the coordinator's PRE-PREPARE", () => {
    assert.notEqual(after, before, "the participant took the pre-prepare");
    assert.equal(firstBroken(deliveryView(before, after, m, ctx.env)), null);
  });

  it("name I6 when the participant takes a conflicting PRE-PREPARE without holding proof", () => {
    const conflicting = signAs(m.signer, { ...m.body, digest: asDigest("another") });
    assert.equal(firstBroken(deliveryView(after, after, conflicting, ctx.env)), "detection-completeness");
    const real = step(after, { kind: "Delivered", from: envelope.from, message: conflicting }, ctx.env).state;
    assert.equal(firstBroken(deliveryView(after, real, conflicting, ctx.env)), null, "the real core proves it");
  });

  it("name I9 alone for a NEW-VIEW installed from a node that does not lead its view", () => {
    const installed = { view: asView(2), signer: asNodeId(3), derivable: true };
    assert.equal(firstBroken(delivery({ installed })), "leader authority");
    assert.equal(firstBroken(delivery({ installed: { ...installed, signer: asNodeId(1) } })), null);
  });
});
