/**
 * One run of a local test cluster (`npm run cluster`, the net tests and the
 * net benchmark): write cluster.json and keys into a temporary directory,
 * start the relay and n+1 node processes on 127.0.0.1, run the workload
 * through the coordinator's HTTP API with the scheduled kills and restarts,
 * check the honest replicas, and stop everything — in `finally`, so an error
 * or the global timeout still leaves no process behind.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Outcome } from "../../../spec/messages.js";
import type { Behaviour } from "../byzantine.js";
import type { ClusterConfig } from "../cluster-config.js";
import {
  faultyList, mergeLogs, sampleNodes,
  type FaultySample, type NodeEndpoint, type NodeSample,
} from "./cluster-collect.js";
import { writeClusterFiles } from "./cluster-files.js";
import { loopback } from "./free-ports.js";
import { noFaults, type LinkFaults } from "./link-faults.js";
import { NodeProcesses } from "./node-processes.js";
import { checkReplicas, type CheckResult } from "./replica-check.js";
import { startRelay, type Relay, type RelayStats } from "./relay.js";
import { runWorkload, type WorkloadResult } from "./workload.js";
import { openClient, type ByzClient } from "../client.js";
import { clientName } from "../cluster-config.js";
import { FaultSchedule, type FaultEvent, type Partitioner } from "./fault-schedule.js";

export interface ClusterOptions {
  readonly n: number;
  readonly f: number;
  readonly txns: number;
  readonly concurrency: number;
  readonly byzantine: ReadonlyMap<string, Behaviour>;
  readonly faults: LinkFaults;
  /** Route peer traffic through the relay even without faults (the CLI does; the benchmark does not). */
  readonly relay: boolean;
  readonly events: readonly FaultEvent[];
  readonly seed: number;
  readonly tickMs: number;
  /** Global bound on the whole run, start to stop. */
  readonly timeoutMs: number;
  /** How long the end-of-run check waits for replicas to converge. */
  readonly checkWaitMs: number;
  /** The workload gives up when nothing was decided for this long (default workload.ts `stallMsDefault`). */
  readonly stallMs?: number;
  /** Protocol window W; default `windowSizeFor(concurrency)`. */
  readonly windowSize?: number;
  /** Checkpoint interval K; default W / 32. */
  readonly checkpointInterval?: number;
  /** Ticks before a participant waiting on the leader asks for a view change; default `viewChangeTicksDefault`. */
  readonly viewChangeTicks?: number;
  /** Batching (spec/batch.ts, batch-gatherer.ts): txns per PRE-PREPARE and the wait to fill one; default none. */
  readonly batch?: { readonly size: number; readonly delayMs: number };
  readonly log?: (line: string) => void;
  /** Pads every written value to this many characters (workload.ts); default none. */
  readonly valueBytes?: number;
  /** The client signs each txn to expire this many seqs past the coordinator's next seq (client.ts); default none. */
  readonly expiresAfterSeqs?: number;
}

export interface ClusterRun {
  readonly dir: string;
  readonly configFile: string;
  readonly messageLog: string;
  readonly workload: WorkloadResult;
  readonly check: CheckResult;
  readonly faulty: FaultySample;
  readonly before: readonly NodeSample[];
  readonly after: readonly NodeSample[];
  readonly relay: RelayStats | null;
  readonly timeline: readonly string[];
}

export const defaultClusterOptions = {
  n: 4, f: 1, txns: 1000, concurrency: 32, byzantine: new Map<string, Behaviour>(), faults: noFaults, relay: true,
  events: [], seed: 1, tickMs: 250, timeoutMs: 300_000, checkWaitMs: 10_000,
} satisfies ClusterOptions;

export async function runCluster(options: ClusterOptions): Promise<ClusterRun> {
  const dir = mkdtempSync(path.join(tmpdir(), "byzcommit-cluster-"));
  const log = options.log ?? ((): void => undefined);
  const windowSize = options.windowSize ?? windowSizeFor(options.concurrency);
  const files = await writeClusterFiles(dir, {
    n: options.n, f: options.f, tickMs: options.tickMs, relay: options.relay,
    windowSize, checkpointInterval: options.checkpointInterval ?? checkpointIntervalFor(windowSize),
    viewChangeTicks: options.viewChangeTicks ?? viewChangeTicksDefault,
    ...(options.batch === undefined ? {} : { batch: options.batch }),
  });
  if (!files.ok) throw new Error(files.error);
  const { configFile, cluster } = files.value;
  const processes = new NodeProcesses(configFile, dir, options.byzantine);
  let relay: Relay | null = null;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    const exceeded = (): void => reject(new Error(`cluster run exceeded its ${options.timeoutMs} ms bound`));
    timer = setTimeout(exceeded, options.timeoutMs);
  });
  // The workload stops early enough for the check and the report to fit in the global bound.
  const deadline = Date.now() + options.timeoutMs - options.checkWaitMs - reportMsReserve;
  try {
    if (options.relay) relay = await startRelay(loopback, relayRoutes(cluster), options.faults, options.seed);
    const partition = (groups: readonly (readonly string[])[] | null): void => relay?.partition(groups === null ? null
      : withRest(groups, cluster).map((group) => group.map((name) => idOfName(cluster, name))));
    const run = body(options, cluster, configFile, processes, partition, deadline, log);
    const result = await Promise.race([run, timeout]);
    return { ...result, dir, configFile, relay: relay?.stats ?? null, messageLog: path.join(dir, "messages.jsonl") };
  } finally {
    clearTimeout(timer);
    await processes.stopAll();
    await relay?.close();
    mergeLogs(path.join(dir, "data", "logs"), path.join(dir, "messages.jsonl"));
  }
}

/**
 * The window moves with stable checkpoints, so it need not hold the whole run: room for
 * four rounds of the workload's concurrency. K = W / 32 (4 at W = 128): a stable
 * checkpoint soon after a slot executes everywhere is what ends the coordinator's
 * resends of it (it resends every proposal above h that some participant has not
 * confirmed), and the core keeps W/K + 1 checkpoints per signer, so participants
 * executing at different speeds still meet at one seq.
 */
export function windowSizeFor(concurrency: number): number {
  return Math.max(64, 4 * concurrency);
}

/** K = W / 32, at least 1 (see windowSizeFor). */
export function checkpointIntervalFor(windowSize: number): number {
  return Math.max(1, Math.floor(windowSize / 32));
}

/**
 * 80 ticks: 20 s at the CLI's 250 ms tick, 8 s at the tests' 100 ms. The core's default
 * (8) suits the checker, where time is abstract; here, on two shared cores under a
 * 32-deep workload, a slot can wait 2 s for CPU alone, and a view change costs more
 * than it saves when the leader is only slow (every unstable seq is voted on again).
 */
export const viewChangeTicksDefault = 80;

/** Time kept, after the check, for sampling the nodes, the faulty list and stopping (ms). */
const reportMsReserve = 20_000;

type RunBody = Omit<ClusterRun, "dir" | "configFile" | "relay" | "messageLog">;

const idOfName = (cluster: ClusterConfig, name: string): number => cluster.nodes.findIndex((node) => node.id === name);

/** The groups named, plus one of every node named in none. */
function withRest(groups: readonly (readonly string[])[], cluster: ClusterConfig): (readonly string[])[] {
  const named = new Set(groups.flat());
  const rest = cluster.nodes.map((node) => node.id).filter((name) => !named.has(name));
  return rest.length === 0 ? [...groups] : [...groups, rest];
}

async function body(options: ClusterOptions, cluster: ClusterConfig, configFile: string, processes: NodeProcesses,
  partition: Partitioner, deadline: number, log: (line: string) => void): Promise<RunBody> {
  const names = cluster.nodes.map((node) => node.id);
  log(`starting ${names.join(", ")}`);
  await Promise.all(names.map((name) => processes.start(name)));
  const endpoints: NodeEndpoint[] = cluster.nodes.map((node) =>
    ({ name: node.id, url: `http://${node.host}:${node.httpPort ?? 0}` }));
  const coordinator = endpoints.find((e) => e.name === "C") as NodeEndpoint;
  const before = await sampleNodes(endpoints);
  const schedule = new FaultSchedule(options.events, processes, log, partition);
  log(`running ${options.txns} txns, concurrency ${options.concurrency}`);
  schedule.start();
  const workload = await runWorkload({
    client: clusterClient(configFile, options.expiresAfterSeqs), txns: options.txns, concurrency: options.concurrency,
    deadline, ...(options.stallMs === undefined ? {} : { stallMs: options.stallMs }),
    ...(options.valueBytes === undefined ? {} : { valueBytes: options.valueBytes }),
    onAcknowledged: (count) => schedule.acknowledged(count),
  });
  await schedule.finished();
  const after = await sampleNodes(endpoints);
  const honest = endpoints.filter((e) => e.name !== "C" && !options.byzantine.has(e.name));
  log(`checking ${honest.map((e) => e.name).join(", ")}`);
  const check = await checkReplicas(honest, workload.acknowledged as ReadonlyMap<string, Outcome>, workload.submitted,
    options.checkWaitMs, workload.placements);
  const faulty = await faultyList(coordinator, endpoints.filter((e) => e.name !== "C"), cluster);
  return { workload, check, faulty, before, after, timeline: schedule.timeline };
}

/** The cluster's client: its own key (`keys/client.pem`, which no node loads), the nodes' public keys. */
export function clusterClient(configFile: string, expiresAfterSeqs?: number): ByzClient {
  const client = openClient({
    configFile, name: clientName, ...(expiresAfterSeqs === undefined ? {} : { expiresAfterSeqs }),
  });
  if (!client.ok) throw new Error(client.error);
  return client.value;
}

function relayRoutes(cluster: ClusterConfig): { to: number; listenPort: number; targetPort: number }[] {
  return cluster.nodes.map((node, to) => ({ to, listenPort: node.relayPort ?? 0, targetPort: node.port }));
}
