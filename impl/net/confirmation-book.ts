/**
 * A participant's signed confirmations by txn id, for GET /txn/:id on the
 * participant: how a client learns an outcome while the coordinator is down
 * (DESIGN.md I7: f+1 matching signed confirmations, which the client checks
 * itself, never name a wrong outcome).
 *
 * Filled from what the node actually sends (the exact signed Confirm), so it
 * never signs a second, different confirmation for a seq. After a restart the
 * slots still held by the core give the confirmations sent before the crash
 * (the same body signs to the same Ed25519 signature); older ones are gone, and
 * the client needs only f+1 of the n participants. Confirmations are pruned by
 * age with a count cap (outcome-retention.ts); a txn whose confirmation is gone
 * is answered from the replica's outcome table as expired (node-handlers.ts).
 */
import type { Confirm, Signed } from "../../spec/messages.js";
import { confirmedTxns, confirms } from "../../spec/batch.js";
import type { NodeState } from "../core/types.js";
import { DecisionQueue, outcomeRetentionDefault, type OutcomeRetention } from "./outcome-retention.js";
import type { Sign } from "./signer.js";

export class ConfirmationBook {
  private readonly byTxn = new Map<string, Signed<Confirm>>();
  private readonly decisions = new DecisionQueue();
  /** Confirmations sent by outcome since this process started (not reduced when the map forgets). */
  private readonly sent = { commit: 0, abort: 0 };

  constructor(private readonly retention: OutcomeRetention = outcomeRetentionDefault) {}

  get size(): number {
    return this.byTxn.size;
  }

  /**
   * A confirmation this node sent, filed under each txn it speaks for (one covers a seq's batch: spec/batch.ts).
   * A txn confirms once (a later slot with its id is a no-op), so the first stays.
   */
  record(confirm: Signed<Confirm>, now = Date.now()): void {
    for (const { txn, outcome } of confirmedTxns(confirm.body)) {
      if (this.byTxn.has(txn)) continue;
      this.sent[outcome] += 1;
      this.byTxn.set(txn, confirm);
      this.decisions.add(txn, now);
    }
    for (const txn of this.decisions.expire(now, this.retention)) this.byTxn.delete(txn);
  }

  counts(): { readonly commit: number; readonly abort: number } {
    return { ...this.sent };
  }

  /** The confirmation for `txn`: one sent, or one the core still holds in a slot (signed again, identically). */
  lookup(txn: string, state: NodeState, sign: Sign): Signed<Confirm> | null {
    const sent = this.byTxn.get(txn);
    if (sent !== undefined) return sent;
    if (state.role !== "participant") return null;
    const held = state.slots.find((slot) => slot.confirmation !== null && confirms(slot.confirmation, txn))
      ?.confirmation;
    return held == null ? null : sign(held);
  }
}
