/**
 * The coordinator's client API (HTTP + JSON):
 *
 *   POST /txn {request: Signed<Txn>, flag}  -> the outcome when decided (waits up to ?waitMs=, default 30 s),
 *                                              else 202 with status "pending"
 *   GET  /txn/:id                           -> status, outcome and the participants' signed confirmations
 *
 * Clients sign their own requests (client.ts); the coordinator only checks the
 * signature (client-verify.ts decides whose key) and never holds a client key,
 * so a request's signature proves which client sent it.
 *
 * Answers, in the order they are checked:
 *   400  not the body above, or an id or operation count out of bounds
 *   403  the signature does not verify for the client the id names
 *   409  the id is known with another body or flag
 *   410  the id was decided and its record pruned (outcome-retention.ts): `status: "expired"` and the outcome,
 *        without confirmations (the participants hold those); never proposed again. Also `status: "expired"`
 *        with `outcome: null` when the window passed the txn's signed `expires` (impl/core/replica.ts) and
 *        this coordinator holds no reply: it executed at most once, at or below that seq, and will not now;
 *        whether it did, only the participants' confirmations can still say
 *   429  the client already has `pendingPerClientMax` txns waiting (Retry-After: seconds)
 *   503  the book is full
 *   200  decided (a retry of a decided txn gets its outcome at once, also after a restart)
 *   202  still pending after the wait
 */
import { Schema } from "effect";
import { clientId, type ProtocolConfig } from "../../spec/config.js";
import { Outcome, Signed, Txn } from "../../spec/messages.js";
import { clientOfTxnId } from "./client-verify.js";
import { decodeWith } from "./decode-result.js";
import { sha256Digest } from "./node-env.js";
import type { Verify } from "./signer.js";
import type { TxnBook, TxnRecord } from "./txn-book.js";

export const SubmitBody = Schema.Struct({ request: Signed(Txn), flag: Outcome });
export type SubmitBody = typeof SubmitBody.Type;

export const txnIdLengthMax = 128;
export const operationsMax = 64;
export const waitMsMax = 120_000;
/** Txns one client may have waiting at once: past it, 429 (one client cannot starve the others). */
export const pendingPerClientMaxDefault = 256;
export const retryAfterSeconds = 1;

export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ClientApi {
  submit(json: unknown, waitMs: number): Promise<HttpAnswer>;
  lookup(id: string): HttpAnswer;
}

export interface ClientApiDeps {
  readonly book: TxnBook;
  readonly protocol: ProtocolConfig;
  /** The node's verifier, which knows every client's key (client-verify.ts). */
  readonly verify: Verify;
  /** Names of registered clients (cluster.json `clients`). */
  readonly clients: ReadonlySet<string>;
  readonly propose: (request: Signed<Txn>, flag: Outcome) => void;
  readonly recordsMax: number;
  readonly pendingPerClientMax: number;
  /**
   * The outcome the coordinator's core replied with for `id`, or null: its core keeps every reply, so
   * this answers for ids the book has pruned (and for a reply the book missed in a crash).
   */
  readonly replied: (id: string) => Outcome | null;
  /** The core's low watermark: a txn whose `expires` is at or below it can execute nowhere any more. */
  readonly lowWatermark: () => number;
  /**
   * Whether the pending `id` can no longer execute by `expires`: the window passed it, or the core dropped it
   * unproposed (coordinator-expiry.ts) because the seq it would get is past it.
   */
  readonly dead: (id: string, expires: number) => boolean;
}

export function makeClientApi(deps: ClientApiDeps): ClientApi {
  const { book } = deps;
  return {
    submit: async (json, waitMs) => {
      const decoded = decodeWith(SubmitBody, json);
      if (!decoded.ok) return { status: 400, body: { error: decoded.error } };
      const { request, flag } = decoded.value;
      const problem = submitProblem(request.body);
      if (problem !== null) return { status: 400, body: { error: problem } };
      const id = request.body.id;
      const client = clientOfTxnId(id, deps.clients);
      if (request.signer !== clientId(deps.protocol) || !deps.verify(request)) {
        return { status: 403, body: { error: `request ${id} is not signed by client ${client}` } };
      }
      book.expireIfPast(id, deps.dead, Date.now());
      if (book.get(id) === undefined) {
        const expired = expiredAnswer(id, deps.replied(id)) ?? pastExpiry(request.body, deps.lowWatermark());
        if (expired !== null) return expired;
        if (book.pendingOf(client) >= deps.pendingPerClientMax) {
          return { status: 429, headers: { "retry-after": String(retryAfterSeconds) },
            body: { error: `client ${client} has ${deps.pendingPerClientMax} txns pending; retry later` } };
        }
        if (book.size >= deps.recordsMax) return { status: 503, body: { error: "too many transactions" } };
      }
      const submitted = await book.submit(id, client, sha256Digest(request.body), flag, Date.now(),
        request.body.expires);
      if (submitted.kind === "conflict") return { status: 409, body: { error: submitted.reason } };
      // The core deduplicates ids, so a pending retry is proposed again: after a coordinator crash that
      // lost the request before its core persisted it, the retry is what brings it back.
      if (submitted.record.status === "pending") deps.propose(request, flag);
      return answer(await book.wait(id, Math.min(Math.max(0, waitMs), waitMsMax)));
    },
    lookup: (id) => {
      book.expireIfPast(id, deps.dead, Date.now());
      const record = book.get(id);
      if (record !== undefined) return answer(record);
      const error = `no txn ${id} here (never submitted, or past its expiry and pruned: ask the participants)`;
      return expiredAnswer(id, deps.replied(id)) ?? { status: 404, body: { error } };
    },
  };
}

function submitProblem(body: Txn): string | null {
  if (body.id.length === 0 || body.id.length > txnIdLengthMax) return `id must be 1..${txnIdLengthMax} characters`;
  if (body.writes.length + body.reads.length > operationsMax) return `at most ${operationsMax} reads and writes`;
  return null;
}

/** 410 for a txn whose outcome the core replied with but whose record (and confirmations) the book no longer has. */
function expiredAnswer(id: string, outcome: Outcome | null): HttpAnswer | null {
  if (outcome === null) return null;
  const error = `txn ${id} was decided ${outcome}; its record expired here: `
    + "read f+1 confirmations from the participants";
  return { status: 410, body: { id, status: "expired", outcome, confirmations: [], error } };
}

/** 410 for a txn this coordinator does not know whose `expires` its window passed: it is never proposed now. */
function pastExpiry(body: Txn, lowWatermark: number): HttpAnswer | null {
  if (body.expires === undefined || body.expires > lowWatermark) return null;
  const error = expiredError(body.id, body.expires);
  return { status: 410, body: { id: body.id, status: "expired", outcome: null, confirmations: [], error } };
}

const expiredError = (id: string, expires: number | undefined): string =>
  `txn ${id} expired at seq ${expires ?? "?"} with no outcome known here: it executed at most once, at or ` +
  "below that seq, and never will now; read f+1 confirmations from the participants";

function answer(record: TxnRecord): HttpAnswer {
  if (record.status === "expired") {
    return { status: 410, body: { ...record, outcome: null, error: expiredError(record.id, record.expires) } };
  }
  const latencyMs = record.decidedAt === null ? null : record.decidedAt - record.submittedAt;
  return { status: record.status === "pending" ? 202 : 200, body: { ...record, latencyMs } };
}
