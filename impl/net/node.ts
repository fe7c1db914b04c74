/**
 * One node of the real runtime: the core (impl/core) driven by real timers,
 * a signed TCP transport and a durable store, with an HTTP endpoint. Wiring
 * only; each concern lives in its own module.
 *
 * Start-up: load the cluster file and keys; load the durable state if there is
 * one and hand it to the core's `restart` (which re-arms the timers its pending
 * work needs), else start from `initialState`; listen; dial every peer.
 */
import path from "node:path";
import { clientId, coordinatorId } from "../../spec/config.js";
import type { NodeId, SignedMessage } from "../../spec/messages.js";
import { initialState, restart } from "../core/step.js";
import type { NodeState } from "../core/types.js";
import type { Behaviour } from "./byzantine.js";
import { addressOf, loadClusterConfig, nodeIdOf, protocolConfigOf, resolveBeside, type ClusterConfig } from "./cluster-config.js";
import type { DecodeResult } from "./decode-result.js";
import { FaultyList } from "./faulty-list.js";
import { frameBytesMax } from "./frame.js";
import { keyDirOf, loadPrivateKey, publicKeyMap } from "./keys.js";
import { MessageLog } from "./message-log.js";
import { ConfirmationBook } from "./confirmation-book.js";
import { cachedVerifier, makeNodeEnv } from "./node-env.js";
import { serveHttp, type NodeHttp } from "./node-http.js";
import { NodeMetrics } from "./node-metrics.js";
import { openNodeStateStore } from "./node-state-store.js";
import { makeNodePorts } from "./node-ports.js";
import { makeNodeHandlers } from "./node-handlers.js";
import { NodeDriver } from "./node-driver.js";
import { makeNodeStateTransfer } from "./node-state-transfer.js";
import { makeSigner, type Sign } from "./signer.js";
import { startTransport, type Transport } from "./transport.js";
import { TxnBook } from "./txn-book.js";

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
  readonly signAsClient: Sign | null;
}

function loadIdentity(options: NodeOptions): DecodeResult<Identity> {
  const loaded = loadClusterConfig(options.configFile);
  if (!loaded.ok) return loaded;
  const cluster = loaded.value;
  const id = nodeIdOf(options.name, cluster.n);
  if (id === null || id === clientId(protocolConfigOf(cluster))) return { ok: false, error: `--id ${options.name}: not a node of this cluster` };
  const keyDir = keyDirOf(options.configFile, cluster);
  const key = loadPrivateKey(keyDir, options.name);
  if (!key.ok) return key;
  let signAsClient: Sign | null = null;
  if (id === coordinatorId(protocolConfigOf(cluster))) {
    // The demo's client key lives with the coordinator, which signs submissions on the client's behalf.
    const clientKey = loadPrivateKey(keyDir, "client");
    if (!clientKey.ok) return clientKey;
    signAsClient = makeSigner(id + 1, clientKey.value);
  }
  return { ok: true, value: { cluster, id, sign: makeSigner(id, key.value), signAsClient } };
}

export async function startNode(options: NodeOptions): Promise<DecodeResult<RunningNode>> {
  const identity = loadIdentity(options);
  if (!identity.ok) return identity;
  const { cluster, id, sign, signAsClient } = identity.value;
  const publicKeys = publicKeyMap(cluster);
  if (!publicKeys.ok) return publicKeys;
  const protocol = protocolConfigOf(cluster);
  const verify = cachedVerifier(publicKeys.value);
  const env = makeNodeEnv(protocol, verify);
  const dataDir = resolveBeside(options.configFile, cluster.dataDir ?? "data");
  const store = openNodeStateStore(path.join(dataDir, options.name), id);
  const stored = store.load();
  const restarted = stored === null ? null : restart(stored, env);
  const logFile = options.logFile === undefined ? path.join(dataDir, "logs", `${options.name}.jsonl`) : options.logFile;
  const log = new MessageLog(options.name, logFile);
  const faulty = new FaultyList(options.name, cluster.n);
  const book = new TxnBook();
  const confirmations = new ConfirmationBook();
  let driver: NodeDriver | null = null;
  const current = (): NodeState => driver?.state ?? restarted?.state ?? initialState(id, protocol);
  const metrics = new NodeMetrics({
    view: () => current().view, faulty,
    lastExecuted: () => { const s = current(); return s.role === "participant" ? s.lastExecuted : 0; },
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
    send: (to, frame) => transport?.send(to, frame),
    sendState: (to, reply) => stateTransfer.offer(to, reply),
    deliverToSelf: (message: SignedMessage) => driver?.enqueue({ kind: "Delivered", from: id, message }),
    resume: () => transport?.resume(),
  });
  driver = new NodeDriver(current(), env, cluster.tickMs ?? tickMsDefault, ports);
  const running = driver;
  transport = await startTransport({
    cluster, protocol, self: id, sign, verify, frameBytesMax, events: {
      onMessage: (from, message) => { ports.received(from, message); return running.enqueue({ kind: "Delivered", from, message }); },
      onTransfer: (from, message) => stateTransfer.onTransfer(from, message),
      onSuspicion: (suspicion) => ports.suspected(suspicion),
      onLink: (event) => log.write("link", { peer: event.peer, direction: event.direction, up: event.up }),
    },
  });
  if (restarted !== null) running.perform(restarted.out);
  const own = addressOf(cluster, id);
  const http: NodeHttp | null = own.httpPort === undefined ? null : await serveHttp(own.host, own.httpPort, makeNodeHandlers({
    name: options.name, behaviour: options.behaviour, cluster, env, faulty, metrics, state: () => running.state,
    confirmation: (txn) => confirmations.lookup(txn, running.state, sign),
    confirmationsSent: () => confirmations.counts(),
    client: signAsClient === null ? null : { book, signAsClient, propose: (request, flag) => running.enqueue({ kind: "Submit", request, flag }) },
  }));
  log.write("started", { id, restored: stored !== null, behaviour: options.behaviour, pid: process.pid });
  return { ok: true, value: {
    id, name: options.name, logFile,
    httpUrl: http === null ? null : `http://${own.host}:${http.port}`,
    state: () => running.state,
    close: async () => {
      running.stop();
      stateTransfer.close();
      await http?.close();
      await transport?.close();
      await store.close();
      await log.close();
    },
  } };
}

/** Milliseconds per core tick when the cluster file does not say. */
export const tickMsDefault = 100;
