/**
 * A small typed client of byzcommit's HTTP API. The client holds its own
 * Ed25519 key and signs its requests; the coordinator only checks them.
 *
 *   const client = openClient({ configFile: "cluster.json", name: "alice", keyFile: "alice.pem" });
 *   const decided = await client.submit({ id: client.txnId("t1"), writes: [...], reads: [], flag: "commit" });
 *
 * `submit` retries with the same id until an outcome is known or the deadline
 * passes: a retry is safe (the coordinator deduplicates ids, and a decided id
 * answers its outcome at once, also after a coordinator restart). On 429 it
 * waits the server's Retry-After; on 410 (the txn or its outcome's record expired) it asks
 * the participants once and, if they cannot prove an outcome, returns a `ClientExpired` (a typed
 * result with a one-line reason, never an exception). An outcome is accepted only with f+1
 * matching signed confirmations from distinct participants, checked here with
 * the participants' public keys (DESIGN.md I7): from the coordinator's answer,
 * or, when the coordinator is down, slow, or answers without them, read from
 * the participants themselves (`GET /txn/:id` on each).
 *
 * Expiry (impl/core/replica.ts): with `expiresAfterSeqs` the client signs each txn
 * with `expires` = the coordinator's next seq (its `GET /status`, asked at most once a
 * second) plus that many seqs, unless the txn names its own. Past it the txn can no
 * longer execute and its outcome records are pruned everywhere, which is what keeps the
 * replicas' at-most-once memory bounded; so the client must have its outcome by then (a
 * 410 `expired` makes it ask the participants once). Without the option, or while the
 * coordinator's status cannot be read, txns carry no expiry and are remembered forever.
 * `submit` signs once and retries that body; a later `submit` of the same id computes a
 * new expiry, so its body differs and C answers 409: to submit a txn again, pass its `expires`.
 */
import https from "node:https";
import { readFileSync } from "node:fs";
import { clientId, type ProtocolConfig } from "../../spec/config.js";
import type { Confirm, Signed, Txn } from "../../spec/messages.js";
import { Schema } from "effect";
import { Confirm as ConfirmSchema, Outcome, Signed as SignedSchema } from "../../spec/messages.js";
import { confirms } from "../../spec/batch.js";
import { clientName, httpUrlOf, loadClusterConfig, protocolConfigOf, type ClusterConfig } from "./cluster-config.js";
import { matching, participantOutcomeReader, type OutcomeReader } from "./cluster/participant-outcome.js";
import type { DecodeResult } from "./decode-result.js";
import { decodeWith } from "./decode-result.js";
import { requestJson, type HttpResult } from "./http-json.js";
import { keyDirOf, loadPrivateKey, loadPrivateKeyFile, publicKeyMap } from "./keys.js";
import { cachedVerifier } from "./node-env.js";
import { makeSigner, type Sign, type Verify } from "./signer.js";

export interface ClientTxn extends Txn {
  readonly flag: Outcome;
}

/** How often the client asks the coordinator's next seq, to set `expires`. */
export const seqAskEveryMs = 1_000;

export interface ClientOutcome {
  readonly kind: "decided";
  readonly outcome: Outcome;
  readonly seq: number;
  /** Where the f+1 confirmations came from. */
  readonly via: "coordinator" | "participants";
  readonly confirmations: readonly Signed<Confirm>[];
  readonly attempts: number;
  /** The `expires` this client signed into the txn, or null for none. */
  readonly expires: number | null;
}

/**
 * A 410 nobody could settle: the txn's signed `expires` passed (it executed at most once, at or below that seq,
 * and never will now) or its outcome's record was pruned, and no f+1 participants' confirmations prove an outcome.
 */
export interface ClientExpired {
  readonly kind: "expired";
  readonly txn: string;
  /** What the coordinator said was decided, unproven; null when it knows of no outcome. */
  readonly claimed: Outcome | null;
  readonly expires: number | null;
  /** One line, from the coordinator's answer. */
  readonly error: string;
  readonly attempts: number;
}

const ExpiredAnswer = Schema.Struct({ outcome: Schema.NullOr(Outcome), error: Schema.String });

export interface ClientOptions {
  /** The coordinator's HTTP(S) URL. */
  readonly url: string;
  /** Signs as the client (id n+1) with this client's own key. */
  readonly sign: Sign;
  /** The registered client name (ids are `name/...`), or null for the default `client`. */
  readonly name: string | null;
  readonly faultyMax: number;
  /** Verifies participants' signatures (their public keys from cluster.json). */
  readonly verify: Verify;
  readonly participants: OutcomeReader;
  readonly agent?: https.Agent;
  /** The coordinator holds a POST this long for the outcome. */
  readonly waitMs?: number;
  readonly retryMs?: number;
  /** Sign each txn with `expires` this many seqs past the coordinator's next seq (see the top of this file). */
  readonly expiresAfterSeqs?: number;
}

const ConfirmationsAnswer = Schema.Struct({
  status: Schema.String, confirmations: Schema.Array(SignedSchema(ConfirmSchema)),
});
/** Participants are asked at most this often while the coordinator does not answer with an outcome. */
export const participantsEveryMs = 1_000;

export class ByzClient {
  private nextSeq: number | null = null;
  private seqAskedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: ClientOptions) {}

  /** A txn id in this client's namespace: the coordinator checks it against this client's key. */
  txnId(local: string): string {
    return this.options.name === null ? local : `${this.options.name}/${local}`;
  }

  /**
   * Submits `txn` (signed here) and retries with the same id until an outcome, or until `until`: a
   * deadline (Date.now() ms) or a predicate that says when to give up. Null when it gave up; a `ClientExpired`
   * when the coordinator answered 410 and the participants prove no outcome.
   */
  async submit(txn: ClientTxn, until: number | (() => boolean)): Promise<ClientOutcome | ClientExpired | null> {
    const expired = typeof until === "number" ? (): boolean => Date.now() >= until : until;
    const { url, waitMs = 5_000, retryMs = 250 } = this.options;
    const expires = txn.expires ?? await this.expiry();
    const fields = { id: txn.id, writes: txn.writes, reads: txn.reads };
    const request = this.options.sign<Txn>(expires === undefined ? fields : { ...fields, expires });
    const body = { request, flag: txn.flag };
    let askedAt = 0;
    let submitted = false;
    for (let attempt = 1; !expired(); attempt++) {
      const response = submitted
        ? await this.request("GET", `${url}/txn/${encodeURIComponent(txn.id)}`, undefined, 2_000)
        : await this.request("POST", `${url}/txn?waitMs=${waitMs}`, body, waitMs + 5_000);
      let pauseMs = retryMs;
      if (response.ok && (response.status === 200 || response.status === 202)) {
        submitted = true; // the POST waited waitMs, so polling from here on costs the coordinator less
        const checked = this.fromCoordinator(txn.id, response.body);
        if (checked !== null) return this.seen({ ...checked, attempts: attempt }, expires);
      } else if (response.ok && response.status === 404) {
        submitted = false; // a coordinator restarted on an empty data directory forgot it: submit again
      } else if (response.ok && response.status === 410) {
        // Decided, and the coordinator's record expired (outcome-retention.ts): only the participants can prove it.
        const read = await this.options.participants(txn.id);
        if (read !== null) return this.seen({ ...read, via: "participants", attempts: attempt }, expires);
        return expiredResult(txn.id, response.body, expires, attempt);
      } else if (response.ok && response.status === 429) {
        pauseMs = 1_000 * (response.retryAfterSeconds ?? 1);
      } else if (response.ok && response.status >= 400 && response.status < 500) {
        // Ours to fix (a bad body, a wrong key, a reused id): retrying cannot help.
        throw new Error(`txn ${txn.id}: ${response.status} ${JSON.stringify(response.body)}`);
      }
      if (Date.now() - askedAt >= participantsEveryMs) {
        askedAt = Date.now();
        const read = await this.options.participants(txn.id);
        if (read !== null) return this.seen({ ...read, via: "participants", attempts: attempt }, expires);
      }
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    return null;
  }

  /** `decided`, its seq noted: the cluster is past it, which keeps the next expiry fresh between status reads. */
  private seen(decided: Omit<ClientOutcome, "kind" | "expires">, expires: number | undefined): ClientOutcome {
    this.nextSeq = Math.max(this.nextSeq ?? 0, decided.seq + 1);
    return { ...decided, kind: "decided", expires: expires ?? null };
  }

  /** `expires` for a new txn: the coordinator's next seq as last read, plus `expiresAfterSeqs`; none without both. */
  private async expiry(): Promise<number | undefined> {
    const after = this.options.expiresAfterSeqs;
    if (after === undefined) return undefined;
    if (Date.now() - this.seqAskedAt >= seqAskEveryMs) {
      this.seqAskedAt = Date.now();
      const status = await this.request("GET", `${this.options.url}/status`, undefined, 2_000);
      const body = status.ok && status.status === 200 ? status.body as { nextSeq?: unknown } : null;
      if (typeof body?.nextSeq === "number") this.nextSeq = Math.max(this.nextSeq ?? 0, body.nextSeq);
    }
    return this.nextSeq === null ? undefined : this.nextSeq + after;
  }

  /** The coordinator's answer, if it carries f+1 matching confirmations that verify here. */
  private fromCoordinator(txn: string, body: unknown): Omit<ClientOutcome, "attempts" | "kind" | "expires"> | null {
    const decoded = decodeWith(ConfirmationsAnswer, body);
    if (!decoded.ok || (decoded.value.status !== "commit" && decoded.value.status !== "abort")) return null;
    const valid = decoded.value.confirmations.filter((c) => confirms(c.body, txn) && this.options.verify(c));
    const backed = matching(txn, valid, this.options.faultyMax);
    return backed === null || backed.outcome !== decoded.value.status ? null : { ...backed, via: "coordinator" };
  }

  private request(method: "GET" | "POST", url: string, body: unknown, timeoutMs: number): Promise<HttpResult> {
    return this.options.agent === undefined ? requestJson(method, url, body, timeoutMs)
      : requestJson(method, url, body, timeoutMs, this.options.agent);
  }
}

/** The typed result of a 410 no participant could settle; the coordinator's one-line reason, or a stand-in. */
function expiredResult(txn: string, body: unknown, expires: number | undefined, attempts: number): ClientExpired {
  const decoded = decodeWith(ExpiredAnswer, body);
  const claimed = decoded.ok ? decoded.value.outcome : null;
  const error = decoded.ok ? decoded.value.error : `txn ${txn} expired (410) with no outcome proven`;
  return { kind: "expired", txn, claimed, expires: expires ?? null, error, attempts };
}

export interface OpenClientOptions {
  readonly configFile: string;
  /** A registered client name (cluster.json `clients`), or `client` for the default client. */
  readonly name: string;
  /** The client's private key (PEM); default `<keyDir>/client.pem` for the default client. */
  readonly keyFile?: string;
  /** PEM of a CA to trust for HTTPS, beside Node's defaults. */
  readonly caFile?: string;
  /** See `ClientOptions.expiresAfterSeqs`. */
  readonly expiresAfterSeqs?: number;
}

/** A client for the cluster in `configFile`, with its own key. */
export function openClient(options: OpenClientOptions): DecodeResult<ByzClient> {
  const loaded = loadClusterConfig(options.configFile);
  if (!loaded.ok) return loaded;
  const cluster = loaded.value;
  if (options.name !== clientName && cluster.clients?.[options.name] === undefined) {
    const hint = `npm run keys -- --client ${options.name}`;
    return { ok: false, error: `client ${options.name}: not in clients of ${options.configFile} (${hint})` };
  }
  const key = options.keyFile === undefined ? loadPrivateKey(keyDirOf(options.configFile, cluster), clientName)
    : loadPrivateKeyFile(options.keyFile);
  if (!key.ok) return key;
  const keys = publicKeyMap(cluster);
  if (!keys.ok) return keys;
  const protocol = protocolConfigOf(cluster);
  const agent = options.caFile === undefined ? undefined
    : new https.Agent({ keepAlive: true, ca: readFileSync(options.caFile, "utf8") });
  return { ok: true, value: makeClient(cluster, protocol, options.name === clientName ? null : options.name,
    makeSigner(clientId(protocol), key.value), cachedVerifier(keys.value), agent, options.expiresAfterSeqs) };
}

export function makeClient(cluster: ClusterConfig, protocol: ProtocolConfig, name: string | null, sign: Sign,
  verify: Verify,
  agent?: https.Agent, expiresAfterSeqs?: number): ByzClient {
  const coordinator = cluster.nodes.find((node) => node.id === "C");
  const participants = cluster.nodes.flatMap((node) => {
    const url = httpUrlOf(node);
    return node.id === "C" || url === null ? [] : [{ id: Number(node.id.slice(1)), url }];
  });
  const url = coordinator === undefined ? null : httpUrlOf(coordinator);
  if (url === null) throw new RangeError("the coordinator has no httpPort");
  return new ByzClient({
    url, sign, name, faultyMax: protocol.faultyMax, verify,
    participants: participantOutcomeReader(participants, cluster.f, verify, agent),
    ...(agent === undefined ? {} : { agent }),
    ...(expiresAfterSeqs === undefined ? {} : { expiresAfterSeqs }),
  });
}
