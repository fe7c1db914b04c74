/** Hand-built delivery steps (spec/transition-view.ts) for the transition-property tests in test/spec/invariants/. */
import type { Message, SignedMessage } from "../../spec/messages.js";
import type { DeliveryView } from "../../spec/transition-view.js";
import { signAs } from "../../checker/model/symbolic-crypto.js";
import { asDigest, asNodeId, asSeq, asView } from "../../spec/ids.js";

export const signed = (signer: number, body: Message): SignedMessage => signAs(asNodeId(signer), body);
export const prepare = (signer: number, digest: string, view = 0, seq = 1): SignedMessage =>
  signed(signer, { kind: "Prepare", view: asView(view), seq: asSeq(seq), digest: asDigest(digest) });

/** n=4: participant P2 receives P1's PREPARE for (0, 1), holding nothing of P1's before, signature valid. */
export function delivery(over: Partial<DeliveryView> = {}): DeliveryView {
  return {
    receiver: asNodeId(2), receiverRole: "participant", n: 4, message: prepare(1,
        "d1"), verifies: true, signerProven: false,
    counterpart: null, newViewBefore: null, installed: null, certificates: null, relay: null, relayProposals: null,
    ...over,
  };
}
