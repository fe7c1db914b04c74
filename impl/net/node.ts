/**
 * One node of the real runtime: the core (impl/core) driven by real timers,
 * a signed TCP transport and a durable store, with an HTTP endpoint. Wiring
 * only; each concern lives in its own module.
 *
 * Start-up: load the cluster file and keys; load the durable state if there is
 * one and hand it to the core's `restart` (which re-arms the timers its pending
 * work needs), else start from `initialState`; listen; dial every peer.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { clientId, coordinatorId } from "../../spec/config.js";
import { batchSizeOf } from "../../spec/batch.js";
import type { Message, NodeId, SignedMessage } from "../../spec/messages.js";
import { initialState, restart } from "../core/step.js";
import { leaderOf } from "../core/quorum.js";
import type { NodeState } from "../core/types.js";
import type { Behaviour } from "./byzantine.js";
import {
  addressOf, batchDelayMsOf, loadClusterConfig, nodeIdOf, protocolConfigOf, resolveBeside, type ClusterConfig,
  type NodeAddress,
} from "./cluster-config.js";
import { BatchGatherer } from "./batch-gatherer.js";
import { startCheckpointBeacon } from "./checkpoint-beacon.js";
import { startResendPacing } from "./resend-pacer.js";
import { startRepeatGating } from "./repeat-gate.js";
import { clientAwareVerifier, clientKeyMap } from "./client-verify.js";
import { pendingPerClientMaxDefault } from "./client-api.js";
import type { DecodeResult } from "./decode-result.js";
import { FaultyList } from "./faulty-list.js";
import { frameBytesMax } from "./frame.js";
import { keyDirOf, loadPrivateKey, publicKeyMap } from "./keys.js";
import { MessageLog } from "./message-log.js";
import { ConfirmationBook } from "./confirmation-book.js";
import { cachedVerifier, makeNodeEnv } from "./node-env.js";
import { serveHttp, type NodeHttp, type TlsPem } from "./node-http.js";
import { NodeMetrics, type CryptoCounts } from "./node-metrics.js";
import { openNodeStateStore } from "./node-state-store.js";
import { makeNodePorts } from "./node-ports.js";
import { makeNodeHandlers } from "./node-handlers.js";
import { NodeDriver } from "./node-driver.js";
import { heldItems } from "./node-views.js";
import { makeNodeStateTransfer } from "./node-state-transfer.js";
import { GroupCommit } from "./group-commit.js";
import { makeSigner, type Sign } from "./signer.js";
import { startTransport, type Transport } from "./transport.js";
import { TxnBook, txnRecordsMax } from "./txn-book.js";
import { openTxnStore } from "./txn-store.js";
import { outcomeRetentionDefault, recordedOutcome, type OutcomeRetention } from "./outcome-retention.js";

export interface NodeOptions {
  readonly configFile: string;
  readonly name: string;
  readonly behaviour: Behaviour;
  /** The JSON-lines log; default `<dataDir>/logs/<name>.jsonl`; null for none. */
  readonly logFile?: string | null;
}

export interface RunningNode {
  readonly id: NodeId;
  readonly name: string;
  /** `http://host:port` of the node's HTTP endpoint, or null when the cluster file gives it none. */
  readonly httpUrl: string | null;
  readonly logFile: string | null;
  state(): NodeState;
  close(): Promise<void>;
}

interface Identity {
  readonly cluster: ClusterConfig;
  readonly id: NodeId;
  readonly sign: Sign;
}

function loadIdentity(options: NodeOptions): DecodeResult<Identity> {
  const loaded = loadClusterConfig(options.configFile);
  if (!loaded.ok) return loaded;
  const cluster = loaded.value;
  const id = nodeIdOf(options.name, cluster.n);
  if (id === null || id === clientId(protocolConfigOf(cluster))) {
    return { ok: false, error: `--id ${options.name}: not a node of this cluster` };
  }
  const keyDir = keyDirOf(options.configFile, cluster);
  // A node loads its own private key only; clients sign their own requests (client.ts).
  const key = loadPrivateKey(keyDir, options.name);
  if (!key.ok) return key;
  return { ok: true, value: { cluster, id, sign: makeSigner(id, key.value) } };
}

/** The node's TLS key and certificate for HTTPS, read once at start; null for plain HTTP. */
function loadTls(configFile: string, own: NodeAddress): DecodeResult<TlsPem | null> {
  if (own.tls === undefined) return { ok: true, value: null };
  const read = (file: string): string => readFileSync(resolveBeside(configFile, file), "utf8");
  try {
    return { ok: true, value: { key: read(own.tls.keyFile), cert: read(own.tls.certFile) } };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { ok: false, error: `tls: ${code} reading ${own.tls.keyFile} or ${own.tls.certFile}` };
  }
}

export async function startNode(options: NodeOptions): Promise<DecodeResult<RunningNode>> {
  const identity = loadIdentity(options);
  if (!identity.ok) return identity;
  const { cluster, id, sign: signOnce } = identity.value;
  // Counted for /metrics (the signature bound in `npm run bench -- net`): every Ed25519 operation run.
  const crypto: CryptoCounts = { sign: 0, verify: 0 };
  const sign: Sign = (body) => {
    crypto.sign += 1;
    return signOnce(body);
  };
  const publicKeys = publicKeyMap(cluster);
  if (!publicKeys.ok) return publicKeys;
  const clientKeys = clientKeyMap(cluster);
  if (!clientKeys.ok) return clientKeys;
  const own = addressOf(cluster, id);
  const tls = loadTls(options.configFile, own);
  if (!tls.ok) return tls;
  const protocol = protocolConfigOf(cluster);
  const isCoordinator = id === coordinatorId(protocol);
  // The signature caches drop what falls below the stable checkpoint (watermark-cache.ts); set once the driver runs.
  let lowWatermark = (): number => 0;
  const watermark = (): number => lowWatermark();
  const verify = clientAwareVerifier(cachedVerifier(publicKeys.value, undefined, () => { crypto.verify += 1; },
    undefined, watermark), clientId(protocol), clientKeys.value, watermark);
  const env = makeNodeEnv(protocol, verify);
  const dataDir = resolveBeside(options.configFile, cluster.dataDir ?? "data");
  const store = openNodeStateStore(path.join(dataDir, options.name), id);
  const stored = store.load();
  const restarted = stored === null ? null : restart(stored, env);
  const logFile = options.logFile === undefined ? path.join(dataDir, "logs", `${options.name}.jsonl`) : options.logFile;
  const log = new MessageLog(options.name, logFile);
  const faulty = new FaultyList(options.name, cluster.n);
  const retention = retentionOf(cluster);
  // A reply the core persisted but the book missed (a crash between the two writes) is answered from the
  // core's replies, like a pruned one (client-api.ts `replied`).
  const book = new TxnBook(isCoordinator ? openTxnStore(path.join(dataDir, `${options.name}-txns`)) : null, retention);
  const confirmations = new ConfirmationBook(retention);
  let driver: NodeDriver | null = null;
  const current = (): NodeState => driver?.state ?? restarted?.state ?? initialState(id, protocol);
  const metrics = new NodeMetrics({
    crypto, outcomeRecords: () => (isCoordinator ? book.size : confirmations.size), view: () => current().view, faulty,
    lastExecuted: () => { const s = current(); return s.role === "participant" ? s.lastExecuted : 0; },
    held: () => ({ ...heldItems(current()), "store entries": store.entries() }),
  });
  let transport: Transport | null = null;
  const stateTransfer = makeNodeStateTransfer({
    self: id, participantCount: protocol.participantCount, state: current, log, metrics,
    send: (to, frame) => transport?.send(to, frame),
    deliver: (from, reply) => {
      ports.received(from, reply);
      driver?.enqueue({ kind: "Delivered", from, message: reply });
    },
  });
  const ports = makeNodePorts({
    self: id, n: cluster.n, behaviour: options.behaviour, sign, store, log, metrics, faulty, book, confirmations,
    send: (to, frame, mark) => transport?.send(to, frame, mark),
    sendState: (to, reply) => stateTransfer.offer(to, reply),
    deliverToSelf: (message: SignedMessage) => driver?.enqueue({ kind: "Delivered", from: id, message }),
    resume: () => transport?.resume(), lowWatermark: watermark,
  });
  const tickMs = cluster.tickMs ?? tickMsDefault;
  // Persist-before-send without waiting for the disk (group-commit.ts): the driver's saves go to the store's
  // writer thread, and every message, the driver's and the pacers' and the beacon's, is signed and sent only
  // once every state saved before it is durable. A failed write ends the node, as a failed sync write did.
  const commit = new GroupCommit<NodeState>((state) => ports.commit(state), stored ?? current(), (error) => {
    setImmediate(() => { throw error; });
  });
  const transmit = (to: NodeId, message: Message): void => commit.after(() => ports.transmit(to, message));
  // Repeats go only when a slot stalled: the coordinator's PRE-PREPAREs are paced (resend-pacer.ts), a
  // participant's repeated slot messages gated (repeat-gate.ts).
  const gating = { protocol, tickMs, state: current, transmit };
  const pacing = isCoordinator ? startResendPacing(gating) : startRepeatGating({ ...gating, self: id });
  driver = new NodeDriver(current(), env, tickMs, {
    ...ports, save: (state) => commit.persist(state), transmit: pacing.transmit,
  });
  const running = driver;
  lowWatermark = () => running.state.lowWatermark;
  // An idle participant re-announces its stable CHECKPOINT, so a laggard learns it is behind (checkpoint-beacon.ts).
  const stopBeacon = startCheckpointBeacon({
    self: id, protocol, periodMs: protocol.resendTicks * tickMs, state: () => commit.durable, transmit,
    announced: (checkpoint) => log.write("beacon", { seq: checkpoint.seq }),
  });
  transport = await startTransport({
    cluster, protocol, self: id, sign, verify, frameBytesMax, lowWatermark: watermark, events: {
      onMessage: (from, message) => {
        ports.received(from, message);
        pacing.received(from, message);
        return running.enqueue({ kind: "Delivered", from, message });
      },
      onTransfer: (from, message) => stateTransfer.onTransfer(from, message),
      onSuspicion: (suspicion) => {
        metrics.framesRejected.inc({ fault: suspicion.fault }, suspicion.frames);
        ports.suspected(suspicion);
      },
      onBytes: (direction, bytes) => {
        (direction === "in" ? metrics.bytesReceived : metrics.bytesSent).inc({ channel: "peer" }, bytes);
      },
      onLink: (event) => log.write("link", { peer: event.peer, direction: event.direction, up: event.up }),
    },
  });
  if (restarted !== null) running.perform(restarted.out);
  // The coordinator gathers submissions into batches (batch-gatherer.ts); with batchSize 1 each goes at once.
  // In flight: the txns it has submitted to the core that have no reply yet.
  const gatherer = new BatchGatherer(batchSizeOf(protocol), batchDelayMsOf(cluster), (input) => {
    running.enqueue(input);
  }, () => (running.state.role === "coordinator" ? running.state.awaiting.length : 0));
  const handlers = makeNodeHandlers({
    name: options.name, behaviour: options.behaviour, cluster, env, faulty, metrics, state: () => running.state,
    // Signed on request: only what is on disk (group-commit.ts), like every message sent.
    confirmation: (txn) => confirmations.lookup(txn, commit.durable, sign),
    confirmationsSent: () => confirmations.counts(),
    client: !isCoordinator ? null : {
      book, verify, protocol, clients: new Set(clientKeys.value.keys()), recordsMax: txnRecordsMax,
      pendingPerClientMax: cluster.pendingPerClientMax ?? pendingPerClientMaxDefault,
      propose: (request, flag) => gatherer.submit(request, flag),
      replied: (txn) => {
        const state = running.state;
        return state.role === "coordinator" ? recordedOutcome(state.replies, txn)?.outcome ?? null : null;
      },
      lowWatermark: () => running.state.lowWatermark,
      dead: (txn, expires) => {
        const state = running.state;
        if (expires <= state.lowWatermark) return true;
        // Leading, the core drops a queued txn whose seq would pass its expiry; a Submit still in the gatherer
        // is dropped as it arrives: either way it is not awaited, and no reply will come.
        return state.role === "coordinator" && leaderOf(state.view, protocol.participantCount) === state.id &&
          expires < state.nextSeq && !state.awaiting.includes(txn);
      },
    },
  });
  const http: NodeHttp | null = own.httpPort === undefined ? null
    : await serveHttp(own.listenHost ?? own.host, own.httpPort, handlers, tls.value, metrics.httpBytes);
  log.write("started", { id, restored: stored !== null, behaviour: options.behaviour, pid: process.pid });
  return { ok: true, value: {
    id, name: options.name, logFile,
    httpUrl: http === null ? null : `${tls.value === null ? "http" : "https"}://${own.host}:${http.port}`,
    state: () => running.state,
    close: async () => {
      gatherer.stop();
      stopBeacon();
      pacing.stop();
      running.stop();
      commit.stop();
      stateTransfer.close();
      await http?.close();
      await transport?.close();
      await store.close();
      await book.close();
      await log.close();
    },
  } };
}

/** The cluster file's outcome retention (outcome-retention.ts), each part defaulted on its own. */
function retentionOf(cluster: ClusterConfig): OutcomeRetention {
  const seconds = cluster.outcomeRetentionS;
  const ageMs = seconds === undefined ? outcomeRetentionDefault.ageMs : seconds * 1000;
  return { ageMs, keptMax: cluster.outcomesKeptMax ?? outcomeRetentionDefault.keptMax };
}

/** Milliseconds per core tick when the cluster file does not say. */
export const tickMsDefault = 100;

