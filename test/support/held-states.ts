/**
 * Hand-built retained state for the justification invariants (I10) and their transition
 * halves: n = 4, f = 1, Q = 3, the coordinator C = 4, the client 5, symbolic signatures.
 */
import type { GlobalView, ParticipantView } from "../../spec/global-view.js";
import type { HeldParticipant, HeldSlot, Judge } from "../../spec/held-state.js";
import { makeProtocolConfig } from "../../spec/config.js";
import type {
  Checkpoint, Commit, NewView, Prepare, PrePrepare, Proposal, Signed, Txn, ViewChange,
} from "../../spec/messages.js";
import { makeJudge } from "../../checker/model/justify-judge.js";
import { digestSymbolic, forgeAs, signAs, verifySymbolic } from "../../checker/model/symbolic-crypto.js";
import { asDigest, asNodeId, asSeq, asView } from "../../spec/ids.js";
import type { NodeId, Seq, View } from "../../spec/ids.js";

export const config = makeProtocolConfig(4, 1);
export const judge: Judge = makeJudge({ config, verify: verifySymbolic, digest: digestSymbolic });
export const C = 4;
export const client = 5;
export { forgeAs, signAs };

export const txn: Txn = { id: "t1", writes: [{ key: "k0", value: "v1" }], reads: [] };
export const request: Signed<Txn> = signAs(asNodeId(client), txn);

export function prePrepare(view: View, seq: Seq, proposal: Proposal | null, signer: NodeId): Signed<PrePrepare> {
  return signAs(asNodeId(signer), { kind: "PrePrepare", view, seq, digest: asDigest(digestSymbolic(proposal)), proposal
        });
}

export const vote = <K extends "Prepare" | "Commit">(kind: K, pp: Signed<PrePrepare>, signer: NodeId):
  Signed<K extends "Prepare" ? Prepare : Commit> =>
  signAs(asNodeId(signer), { kind, view: pp.body.view, seq: pp.body.seq, digest: pp.body.digest }) as never;

export function slot(
  pp: Signed<PrePrepare>, phase: HeldSlot["phase"], preparers: number[], committers: number[],
): HeldSlot {
  const prepares = new Array<Signed<Prepare> | null>(4).fill(null);
  const commits = new Array<Signed<Commit> | null>(4).fill(null);
  for (const id of preparers) prepares[id] = vote("Prepare", pp, asNodeId(id));
  for (const id of committers) commits[id] = vote("Commit", pp, asNodeId(id));
  return { seq: pp.body.seq, phase, prePrepare: pp, prepares, commits };
}

export const checkpoint = (seq: Seq, signer: NodeId, stateDigest = asDigest("d")): Signed<Checkpoint> =>
  signAs(signer, { kind: "Checkpoint", seq, stateDigest });

export const viewChange = (view: View, signer: NodeId): Signed<ViewChange> =>
  signAs(asNodeId(signer), { kind: "ViewChange", view, stableSeq: asSeq(0), checkpointProof: [], prepared: [], pending:
        [] });

export const newView = (view: View, signers: number[]): NewView =>
  ({ kind: "NewView", view: asView(view), viewChanges: signers.map((s) => viewChange(view, asNodeId(s))), prePrepares:
        [] });

export function held(overrides: Partial<HeldParticipant> = {}): HeldParticipant {
  return {
    id: asNodeId(0), view: asView(0), status: "normal", lowWatermark: asSeq(0), lastExecuted: asSeq(0), slots: [],
    prepared: [], stableProof: [],
    viewChanges: [], newView: null, pending: [], proven: 0, ...overrides,
  };
}

/** A global view whose only honest participant retains `h`. */
export function viewOf(h: HeldParticipant): GlobalView {
  const p: ParticipantView = {
    id: h.id, view: h.view, lastExecuted: h.lastExecuted, outcomes: [], replicaKey: "r", lowWatermark: h.lowWatermark,
    highestPrePrepared: asSeq(0), entries: [], executedFlags: [], prePrepares: [], held: h,
  };
  return {
    n: 4, f: 1, windowSize: 4, participants: [p], honestMask: 0b10111, provenBy: [], coordinatorHonest: true,
    replies: [], confirmations: [], submitted: [], viewChanged: h.view > 0, coordinatorLowWatermark: asSeq(0), judge,
  };
}
