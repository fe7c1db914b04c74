/**
 * DESIGN.md §4: a message that fails to verify is suspected against the link it came from
 * (`Input.from`), never against the signer it claims — anyone can write another node's name
 * on garbage. Checked at a participant and at the coordinator, through `step`.
 */
import assert from "node:assert/strict";
import { symbolicSignature } from "../../../checker/model/symbolic-crypto.js";
import { step } from "../../../impl/core/step.js";
import type { Evidence, Output } from "../../../impl/core/types.js";
import type { SignedMessage } from "../../../spec/messages.js";
import { ScenarioFacade as World } from "../../support/scenario-facade.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";

const world = new World({ n: 4, f: 1 });
const reports = (out: readonly Output[]): Evidence[] => out.flatMap((o) => (o.kind === "Report" ? [o.evidence] : []));
const summary = (out: readonly Output[]) => reports(out).map((e) => [e.grade, e.against, e.reason]);

describe("suspicion of a bad signature names the sender", () => {
  // P3 sends an envelope that claims P1 as its signer but carries P3's signature.
  const forged: SignedMessage = {
    body: { kind: "Prepare", view: asView(0), seq: asSeq(1), digest: asDigest("d")
        }, signer: asNodeId(1), signature: symbolicSignature(asNodeId(3)),
  };

  it("at a participant: suspects P3, the sender, and not P1, the claimed signer", () => {
    const result = step(world.state(asNodeId(0)), { kind: "Delivered", from: asNodeId(3), message: forged }, world.env);
    assert.deepEqual(summary(result.out), [["suspected", 3, "bad-signature"]]);
    assert.equal(result.state, world.state(asNodeId(0)), "a forged envelope changes nothing");
  });

  it("at the coordinator: the same", () => {
    const body = { kind: "Confirm" as const, seq: asSeq(1), txn: "t1", outcome: "abort" as const, replicaDigest:
        asDigest("r") };
    const confirm: SignedMessage = { ...forged, body };
    const result = step(world.state(world.coordinator), { kind: "Delivered", from: asNodeId(3), message: confirm },
        world.env);
    assert.deepEqual(summary(result.out), [["suspected", 3, "bad-signature"]]);
  });
});
