/**
 * The coordinator's client API (HTTP + JSON):
 *
 *   POST /txn {id, writes, reads, flag}  -> the outcome when decided (waits up to ?waitMs=, default 30 s),
 *                                           else 202 with status "pending"
 *   GET  /txn/:id                        -> status, outcome and the participants' signed confirmations
 *
 * The request is signed here, as the client, with the client's key: in this
 * demo the client key lives with the coordinator (a real client would sign
 * its own transactions and the coordinator would only forward them; the core
 * already rejects a request the client did not sign).
 */
import { Schema } from "effect";
import { Outcome, Read, Write, type Signed, type Txn } from "../../spec/messages.js";
import { decodeWith } from "./decode-result.js";
import type { Sign } from "./signer.js";
import type { TxnBook, TxnRecord } from "./txn-book.js";

export const SubmitBody = Schema.Struct({ id: Schema.String, writes: Schema.Array(Write), reads: Schema.Array(Read), flag: Outcome });
export type SubmitBody = typeof SubmitBody.Type;

export const txnIdLengthMax = 128;
export const operationsMax = 64;
export const waitMsMax = 120_000;

export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
}

export interface ClientApi {
  submit(json: unknown, waitMs: number): Promise<HttpAnswer>;
  lookup(id: string): HttpAnswer;
}

export function makeClientApi(book: TxnBook, signAsClient: Sign, propose: (request: Signed<Txn>, flag: Outcome) => void,
  recordsMax: number): ClientApi {
  return {
    submit: async (json, waitMs) => {
      const decoded = decodeWith(SubmitBody, json);
      if (!decoded.ok) return { status: 400, body: { error: decoded.error } };
      const problem = submitProblem(decoded.value);
      if (problem !== null) return { status: 400, body: { error: problem } };
      const { id, writes, reads, flag } = decoded.value;
      if (book.get(id) === undefined && book.size >= recordsMax) return { status: 503, body: { error: "too many transactions" } };
      const { record, fresh } = book.submit(id, flag, Date.now());
      if (fresh) propose(signAsClient<Txn>({ id, writes, reads }), flag);
      else if (record.flag !== flag) return { status: 409, body: { error: `txn ${id} was submitted with flag ${record.flag}` } };
      return answer(await book.wait(id, Math.min(Math.max(0, waitMs), waitMsMax)));
    },
    lookup: (id) => {
      const record = book.get(id);
      return record === undefined ? { status: 404, body: { error: `no txn ${id}` } } : answer(record);
    },
  };
}

function submitProblem(body: SubmitBody): string | null {
  if (body.id.length === 0 || body.id.length > txnIdLengthMax) return `id must be 1..${txnIdLengthMax} characters`;
  if (body.writes.length + body.reads.length > operationsMax) return `at most ${operationsMax} reads and writes`;
  return null;
}

function answer(record: TxnRecord): HttpAnswer {
  const latencyMs = record.decidedAt === null ? null : record.decidedAt - record.submittedAt;
  return { status: record.status === "pending" ? 202 : 200, body: { ...record, latencyMs } };
}
