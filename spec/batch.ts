/**
 * A batch: the txns one PRE-PREPARE proposes for one seq, in the order they execute.
 *
 * On the wire a batch of one is the PRE-PREPARE of old (`proposal`, no `rest`), so its
 * encoding and digest are unchanged and stored traces replay as before; a batch of two or
 * more puts the first txn in `proposal` and the others, in order, in `rest`. The digest
 * covers the whole batch in order (`batchDigestValue`), so PREPARE and COMMIT, which bind
 * (view, seq, digest), vote for the batch as a whole (PBFT §4.2 with Castro-Liskov's batching).
 */
import type { Confirm, ConfirmedTxn, Outcome, PrePrepare, Proposal } from "./messages.js";
import type { ProtocolConfig } from "./config.js";

const noProposals: readonly Proposal[] = [];

/** The proposals of a pre-prepare in execution order: none for a null request. */
export function batchOf(p: Pick<PrePrepare, "proposal" | "rest">): readonly Proposal[] {
  if (p.proposal === null) return noProposals;
  return p.rest === undefined ? [p.proposal] : [p.proposal, ...p.rest];
}

/** How many txns a pre-prepare proposes, without building the batch. */
export const batchLength = (p: Pick<PrePrepare, "proposal" | "rest">): number =>
  p.proposal === null ? 0 : 1 + (p.rest?.length ?? 0);

/** The txn ids a pre-prepare proposes, in order. */
export function batchTxnIds(p: Pick<PrePrepare, "proposal" | "rest">): string[] {
  return batchOf(p).map((x) => x.request.body.id);
}

/** The value a pre-prepare's digest is taken of: the proposal alone for a batch of one, else the whole batch. */
export function batchDigestValue(proposals: readonly Proposal[]): unknown {
  return proposals.length <= 1 ? (proposals[0] ?? null) : proposals;
}

/** The body fields of a batch: `rest` only when there is more than one txn (absent, never empty). */
export function batchFields(proposals: readonly Proposal[]): Pick<PrePrepare, "proposal" | "rest"> {
  const [first, ...rest] = proposals;
  if (first === undefined) return { proposal: null };
  return rest.length === 0 ? { proposal: first } : { proposal: first, rest };
}

/** The most txns one pre-prepare may carry: config `batchSize`, 1 when absent. */
export const batchSizeOf = (config: ProtocolConfig): number => config.batchSize ?? 1;

/**
 * Why a pre-prepare's batch is not one an honest leader could send, or null: `rest` present
 * but empty or beside a null request (two encodings of one batch), more txns than the batch
 * size, or one txn twice.
 */
export function batchShapeProblem(p: PrePrepare, config: ProtocolConfig): string | null {
  if (p.rest !== undefined && (p.rest.length === 0 || p.proposal === null)) {
    return `pre-prepare s${p.seq}: a batch's rest is empty or follows a null request`;
  }
  const ids = batchTxnIds(p);
  if (ids.length > batchSizeOf(config)) {
    return `pre-prepare s${p.seq}: ${ids.length} txns exceed the batch size ${batchSizeOf(config)}`;
  }
  if (new Set(ids).size !== ids.length) return `pre-prepare s${p.seq}: a txn twice in one batch`;
  return null;
}

/**
 * The slot a confirmation speaks for: its seq. A participant confirms a seq's whole batch in one signed
 * message (the txns it decided there, in order), so two confirmations of one signer for one seq that
 * state different txns or outcomes are equivocation.
 */
export const confirmationSlot = (c: Confirm): string => `s=${c.seq}`;

/** The (txn, outcome) pairs a confirmation states, in batch order. */
export function confirmedTxns(c: Pick<Confirm, "txn" | "outcome" | "rest">): readonly ConfirmedTxn[] {
  const first = { txn: c.txn, outcome: c.outcome };
  return c.rest === undefined ? [first] : [first, ...c.rest];
}

/** The outcome a confirmation states for `txn`, or undefined when it does not speak for it. */
export function confirmedOutcome(c: Confirm, txn: string): Outcome | undefined {
  if (c.txn === txn) return c.outcome;
  return c.rest?.find((x) => x.txn === txn)?.outcome;
}

/** Whether a confirmation speaks for `txn`. */
export const confirms = (c: Confirm, txn: string): boolean => confirmedOutcome(c, txn) !== undefined;

/** What a confirmation states, for comparing two of one slot: its pairs in order (not the replica digest). */
export const confirmedStatement = (c: Confirm): string =>
  confirmedTxns(c).map((x) => `${x.txn} ${x.outcome}`).join(", ");

/** The body fields of a confirmation of `decided` (at least one): `rest` only for two or more (absent, never empty). */
export function confirmFields(decided: readonly ConfirmedTxn[]): Pick<Confirm, "txn" | "outcome" | "rest"> {
  const [first, ...rest] = decided;
  if (first === undefined) throw new Error("a confirmation of no txn");
  return rest.length === 0 ? first : { ...first, rest };
}

/** How many txns a confirmation speaks for. */
export const confirmedLength = (c: Confirm): number => 1 + (c.rest?.length ?? 0);
