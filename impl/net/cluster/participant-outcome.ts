/**
 * How a client learns an outcome without the coordinator (it crashed, or it is
 * cut off): ask every participant for its signed confirmation (GET /txn/:id)
 * and accept an outcome only on f+1 confirmations for the same (seq, txn,
 * outcome), validly signed by distinct participants. At least one of them is
 * honest and honest participants agree (I1), so the outcome is the
 * participants' decision (I7) — checked here with the participants' public
 * keys, never taken on any node's word.
 */
import { Schema } from "effect";
import { Confirm, Signed, type Outcome } from "../../../spec/messages.js";
import { confirmedOutcome, confirms } from "../../../spec/batch.js";
import { decodeWith } from "../decode-result.js";
import type https from "node:https";
import { requestJson, type HttpResult } from "../http-json.js";
import type { Verify } from "../signer.js";

const Answer = Schema.Struct({ confirmation: Signed(Confirm) });

export interface ParticipantSource { readonly id: number; readonly url: string }

export interface ParticipantOutcome {
  readonly outcome: Outcome;
  readonly seq: number;
  readonly confirmations: readonly Signed<Confirm>[];
}

export type OutcomeReader = (txn: string) => Promise<ParticipantOutcome | null>;

export function participantOutcomeReader(participants: readonly ParticipantSource[], faultyMax: number, verify: Verify,
  agent?: https.Agent): OutcomeReader {
  const get = (url: string): Promise<HttpResult> =>
    (agent === undefined ? requestJson("GET", url, undefined, 2_000)
      : requestJson("GET", url, undefined, 2_000, agent));
  return async (txn) => {
    const answers = await Promise.all(participants.map((p) => get(`${p.url}/txn/${encodeURIComponent(txn)}`)));
    const valid: Signed<Confirm>[] = [];
    answers.forEach((answer, i) => {
      if (!answer.ok || answer.status !== 200) return;
      const decoded = decodeWith(Answer, answer.body);
      if (!decoded.ok) return;
      const confirm = decoded.value.confirmation;
      // Each participant answers for itself: a relayed confirmation of another signer would let one node count twice.
      if (confirm.signer !== participants[i]?.id || !confirms(confirm.body, txn) || !verify(confirm)) return;
      valid.push(confirm);
    });
    return matching(txn, valid, faultyMax);
  };
}

/**
 * The first (seq, outcome) for `txn` that f+1 distinct signers confirm, or null. A confirmation may cover a
 * whole batch (spec/batch.ts): what counts is the outcome it states for `txn`.
 */
export function matching(
  txn: string, confirmations: readonly Signed<Confirm>[], faultyMax: number,
): ParticipantOutcome | null {
  for (const c of confirmations) {
    const outcome = confirmedOutcome(c.body, txn);
    if (outcome === undefined) continue;
    const backing = confirmations.filter((x) => x.body.seq === c.body.seq && confirmedOutcome(x.body, txn) === outcome);
    const signers = new Set(backing.map((x) => x.signer));
    if (signers.size >= faultyMax + 1) return { outcome, seq: c.body.seq, confirmations: backing };
  }
  return null;
}
