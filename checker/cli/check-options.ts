/** The flags of `npm run check` and their translation into a CheckConfig plus search bounds. */
import type { NodeId, Outcome } from "../../spec/messages.js";
import { coordinatorModes, makeCheckConfig, strategyNames, type CheckConfig } from "../model/check-config.js";
import { isMutant, mutantNames } from "../mutants/names.js";
import type { LivenessMode } from "../model/liveness.js";
import { availableParallelism } from "node:os";
import { choiceFlag, intFlag, type FlagSpec, type FlagValue } from "./flags.js";
import { latentReductionProblem } from "../model/world-bfs.js";
import { deadMailProblem } from "../model/dead-mail.js";
import { parseShard, type Shard } from "../engine/shard.js";
import { parseFlagList, parseTxnList } from "../model/workload.js";
import type { SubmitMode } from "./bfs-roots.js";
import { expectedWitnesses } from "./expected-witnesses.js";
import { asNodeId } from "../../spec/ids.js";

/** `--reduce`: the reductions, alone or composed as a comma-separated list in any order. */
const reductionNames = ["latent-byzantine", "dead-mail", "por"] as const;

function reductionFlag(
  values: Record<string, FlagValue>,
): { ok: true; value: string } | { ok: false; error: string } {
  const raw = values["reduce"];
  if (raw === undefined) return { ok: true, value: "latent-byzantine" };
  const names = typeof raw === "string" ? raw.split(",") : [];
  const known = (x: string): boolean => (reductionNames as readonly string[]).includes(x);
  const valid = raw === "none" || names.length > 0 && names.every(known) && new Set(names).size === names.length;
  if (valid) return { ok: true, value: raw as string };
  const error = `--reduce takes none or a list of ${reductionNames.join(",")}, got "${String(raw)}"`;
  return { ok: false, error };
}

/** `--hood`'s default: measured in README "Neighbourhoods" (coverage-neighbourhood.ts). */
export const hoodDefault = 1;

/** The searches `npm run check` runs. */
export const checkModes = ["bfs", "random", "coverage"] as const;
export type CheckMode = (typeof checkModes)[number];

export const checkFlags: readonly FlagSpec[] = [
  {
    name: "mode", type: "string",
    help: "bfs (exhaustive up to --depth), random (fast-check runs)"
      + " or coverage (excursions from an archive of protocol states)",
    default: "bfs",
  },
  { name: "f", type: "string", help: "Byzantine participants tolerated", default: "1" },
  { name: "n", type: "string", help: "participants (>= 3f+1)", default: "3f+1" },
  { name: "depth", type: "string", help: "BFS: actions per path (each action is one unit of depth)", default: "8" },
  { name: "exhaustive", type: "boolean", help: "BFS: no depth bound; explore until no new state (may not end)" },
  {
    name: "txns", type: "string", help: "client transactions submitted at the start",
    default: "bfs: 2 (t1 commit, t2 abort, --submit each); else 1",
  },
  { name: "flag", type: "string", help: "the coordinator's flag for every txn: commit|abort", default: "commit" },
  {
    name: "flags", type: "string",
    help: "one flag per txn, e.g. commit,abort (sets the txn count; mixed flags reach both I2 clauses)",
  },
  {
    name: "stale-reads", type: "string",
    help: "txns whose precondition fails (reads a version never current), e.g. 2 or t2,t3",
  },
  {
    name: "submit", type: "string",
    help: "BFS: together (every txn submitted at the start) or each (one search per txn, alone)",
    default: "each for the default workload, else together",
  },
  {
    name: "keys", type: "string",
    help: "distinct keys the txns write: txn i writes k(i mod keys); 1 makes every pair conflict",
    default: "2",
  },
  { name: "byzantine", type: "string", help: "Byzantine participants, e.g. 3 or P2,P3", default: "the last f" },
  { name: "coordinator", type: "string", help: "honest|byzantine|silent", default: "honest" },
  { name: "strategy", type: "string", help: `Byzantine alphabet: ${strategyNames.join("|")}`, default: "all" },
  {
    name: "corrupt", type: "boolean",
    help: "the alphabet also holds every single-field corruption of the composites faulty nodes build (costly)",
  },
  { name: "loss", type: "string", help: "budget: messages the network may drop", default: "0 (bfs), 1 (random)" },
  { name: "dup", type: "string", help: "budget: messages the network may duplicate", default: "0 (bfs), 1 (random)" },
  {
    name: "partitions", type: "string",
    help: "budget: times a node may be cut off (healed by a later action)",
    default: "0",
  },
  { name: "crashes", type: "string", help: "budget: crash-restarts of honest nodes", default: "0" },
  {
    name: "late-submits", type: "string", default: "0",
    help: "budget: the client holds back its last N txns and submits each, in order, at any step (not with "
      + "--submit each, --coordinator byzantine, --reduce dead-mail or --swarm)",
  },
  { name: "timeouts", type: "string", help: "budget: timer firings", default: "0 (bfs), 1 (random)" },
  { name: "window", type: "string", help: "protocol: seq window W", default: "4" },
  {
    name: "batch", type: "string", default: "1",
    help: "protocol: txns per PRE-PREPARE (batchSize); the client's txns are proposed in batches of this size",
  },
  { name: "checkpoint-interval", type: "string", help: "protocol: checkpoint every K seqs", default: "2" },
  {
    name: "reduce", type: "string",
    help: "BFS reductions: none, or a list of latent-byzantine,dead-mail,por (latent-byzantine: skip Byzantine " +
      "moves the target absorbs silently, sound with one Byzantine participant only; dead-mail: collect " +
      "in-flight mail its target ignores for ever; por: sleep sets, fewer transitions, the same states; see README)",
    default: "latent-byzantine (none with 2+ Byzantine participants)",
  },
  {
    name: "check-por", type: "boolean",
    help: "BFS with --reduce ...,por: try each sleeping transition anyway and require that it reaches a known state",
  },
  {
    name: "check-dead-mail", type: "boolean",
    help: "BFS: keep dead mail in flight, deliver it and require a self-loop (cross-checks --reduce dead-mail)",
  },
  {
    name: "mutant", type: "string",
    help: `run a scratch build of the core with one catalog patch applied: ${mutantNames.join("|")}`,
  },
  { name: "runs", type: "string", help: "random: number of runs; coverage: number of excursions", default: "1000" },
  {
    name: "steps", type: "string",
    help: "random: actions per run before the healed phase; coverage: actions per excursion",
    default: "60",
  },
  { name: "seed", type: "string", help: "random: seed (printed in every report)", default: "1" },
  {
    name: "swarm", type: "boolean",
    help: "random: each run draws its own n, f, budgets, strategy, Byzantine set and workload from the seed;"
      + " coverage: swarm excursions (each leaves out a random half of the senders' deliveries"
      + " and Byzantine move kinds)",
  },
  {
    name: "liveness", type: "string",
    help: "random: judge liveness after the healed phase: auto|on (every run; auto is the same)|off (safety only)",
    default: "auto",
  },
  {
    name: "path", type: "string",
    help: "random: fast-check's path of one failing run (printed with it): replay only that run",
  },
  {
    name: "hood", type: "string",
    help: "coverage: explore each new cell's neighbourhood exhaustively to this depth (0: off)",
    default: String(hoodDefault),
  },
  {
    name: "hood-archive", type: "boolean",
    help: "coverage: a neighbourhood state whose cell is new joins the archive (the excursions then differ)",
  },
  {
    name: "from", type: "string",
    help: "search from the end state of this trace file, e.g. traces/roots/*.json (its config; BFS: --depth counts "
      + "from there; random and coverage: each run, each excursion's archive, starts there, then the healed phase)",
  },
  { name: "max-seconds", type: "string", help: "stop after this wall time and report incomplete", default: "600" },
  {
    name: "max-states", type: "string",
    help: "stop after this many distinct states and report incomplete",
    default: "100000000",
  },
  {
    name: "max-memory-mb", type: "string",
    help: "bound on the visited set; reaching it reports incomplete",
    default: "1024",
  },
  { name: "out", type: "string", help: "directory for counterexample traces", default: "traces/" },
  {
    name: "shard", type: "string",
    help: "run part i of N (1-based): BFS splits a level by state; random/coverage take seed i (swarm)",
  },
  {
    name: "split-depth", type: "string", help: "BFS with --shard: the level at which shards split",
    default: "depth - 1; with --exhaustive, the first level with 64 states a shard",
  },
  {
    name: "workers", type: "string",
    help: "BFS threads: several roots (--submit each) run at once, one sequential search each (same states, " +
      "verdict and trace); one root is split by levels over a shared visited set (same states; order varies)",
    default: "auto: one thread per root up to the cores, one thread for a single root",
  },
  {
    name: "expect", type: "string",
    help: "comma list of sometimes properties the run must reach, else it is vacuous (exit 1), as the report names " +
      "them, e.g. \"a view change completes\"",
  },
  {
    name: "junit", type: "string",
    help: "also write a JUnit XML report (a test case per invariant and sometimes property) to this file",
  },
  { name: "json", type: "boolean", help: "print one JSON summary object on stdout" },
  { name: "help", type: "boolean", help: "print this help" },
];

export interface SearchBounds {
  readonly depthMax: number;
  readonly secondsMax: number;
  readonly statesMax: number;
  readonly bytesMax: number;
  readonly runs: number;
  readonly steps: number;
  readonly seed: number;
  readonly swarm: boolean;
  readonly liveness: LivenessMode;
  /** fast-check's counterexample path (digits and colons), or null. */
  readonly path: string | null;
  readonly reduceLatentByzantine: boolean;
  /** `--reduce ...dead-mail`: dead-message collection (dead-mail.ts). */
  readonly collectDeadMail: boolean;
  /** `--reduce ...por`: partial-order reduction by sleep sets (sleep-sets.ts). */
  readonly reducePartialOrder: boolean;
  /** `--check-por`: the sleep sets' cross-check (sleep-sets.ts). */
  readonly checkPartialOrder: boolean;
  /** `--check-dead-mail`: its cross-check (dead-mail-cross-check.ts). */
  readonly checkDeadMail: boolean;
  /** `--shard i/N` (shard.ts), or null. */
  readonly shard: Shard | null;
  /** `--split-depth`, or null for the automatic level. */
  readonly splitDepth: number | null;
  /** `--workers`: BFS threads (1: the sequential explorer). */
  readonly workers: number;
  /** `--expect`: sometimes properties the run must reach besides the required witness, else it is vacuous. */
  readonly expected?: readonly string[];
  /** BFS: all txns submitted at the start, or one search per txn (cli/bfs-roots.ts). */
  readonly submit: SubmitMode;
  /** `--hood`: coverage's neighbourhood depth (engine/coverage-neighbourhood.ts); 0: off. */
  readonly hood?: number;
  /** `--hood-archive`: neighbourhood states with new cells join the archive. */
  readonly hoodArchive?: boolean;
}

type Result<T> = { ok: true; value: T } | { ok: false; error: string };

function nodeList(raw: FlagValue, n: number): Result<NodeId[]> {
  if (raw === undefined || typeof raw !== "string") return { ok: true, value: [] };
  const ids: NodeId[] = [];
  for (const part of raw.split(",").map((s) => s.trim()).filter((s) => s !== "")) {
    const m = /^P?(\d+)$/.exec(part);
    if (m === null) return { ok: false, error: `--byzantine takes participant ids like 3 or P3, got "${part}"` };
    const id = Number(m[1]);
    if (id >= n) return { ok: false, error: `--byzantine: P${id} is not a participant (n = ${n})` };
    ids.push(asNodeId(id));
  }
  return { ok: true, value: ids };
}

/** `--flags` (one per txn; its length is the txn count) and `--stale-reads`, checked against `--txns` and `--flag`. */
function workloadFlags(
  v: Record<string, FlagValue>, txns: number,
): Result<{ flags: Outcome[] | undefined; stale: number[] }> {
  const raw = v["flags"];
  let flags: Outcome[] | undefined;
  if (typeof raw === "string") {
    const parsed = parseFlagList(raw);
    if (!parsed.ok) return parsed;
    flags = parsed.value;
    if (v["flag"] !== undefined) return { ok: false, error: "--flag and --flags both given: use one" };
    if (v["txns"] !== undefined && txns !== flags.length) {
      return { ok: false, error: `--txns ${txns} disagrees with --flags (${flags.length} flags)` };
    }
  }
  const staleRaw = v["stale-reads"];
  const stale = typeof staleRaw === "string"
    ? parseTxnList(staleRaw, flags?.length ?? txns)
    : { ok: true as const, value: [] };
  if (!stale.ok) return stale;
  return { ok: true, value: { flags, stale: stale.value } };
}

/**
 * The flags that name a config or split the search: with `--from` the trace's config is the search's. `--corrupt`
 * is not one of them: it only widens the adversary's alphabet, so the trace's moves are all still in it.
 */
const fromExcludes = [
  "f", "n", "txns", "flag", "flags", "stale-reads", "submit", "keys", "byzantine", "coordinator", "strategy", "loss",
  "dup", "partitions", "crashes", "late-submits", "timeouts", "window", "checkpoint-interval", "mutant", "workers",
  "shard", "split-depth", "batch",
] as const;

/** Why `--from` cannot go with these flags, or null (also when it is absent). */
function fromProblem(v: Record<string, FlagValue>, mode: CheckMode): string | null {
  const from = v["from"];
  if (from === undefined) return null;
  if (typeof from !== "string" || from === "") return "--from takes a trace file";
  const named = fromExcludes.filter((name) => v[name] !== undefined);
  if (named.length > 0) return `--from takes the config from the trace: drop --${named.join(", --")}`;
  if (v["swarm"] !== undefined) return `--from takes the config from the trace: --swarm would draw one per run`;
  if (mode !== "bfs" && v["exhaustive"] !== undefined) return `--exhaustive is a flag of BFS, not --mode ${mode}`;
  if (mode !== "bfs" && v["depth"] !== undefined) {
    return `--from with --mode ${mode} counts --steps from the trace's end, not --depth`;
  }
  return null;
}

/** Why `--late-submits` (late-submits.ts) does not fit the other flags, or null (also when it is absent or 0). */
function lateSubmitsProblem(v: Record<string, FlagValue>, mode: CheckMode, submit: SubmitMode): string | null {
  if (v["late-submits"] === undefined || v["late-submits"] === "0") return null;
  if (mode === "bfs" && submit === "each") {
    return "each txn alone (--submit each) has none to hold back: add --submit together";
  }
  if (v["coordinator"] === "byzantine") return "a Byzantine coordinator takes no submissions (its proposals are moves)";
  if (typeof v["reduce"] === "string" && v["reduce"].split(",").includes("dead-mail")) {
    return "dead-mail collection judges mail against a client that has submitted everything: drop --reduce dead-mail";
  }
  if (v["swarm"] === true) return "--swarm draws each run's own workload and budgets";
  return null;
}

export function checkConfigFromFlags(
  v: Record<string, FlagValue>,
): Result<{ config: CheckConfig; bounds: SearchBounds; mode: CheckMode }> {
  const ints: Record<string, number> = {};
  // Exhaustive search multiplies every fault budget into the state count, so BFS starts with
  // none (faults are opt-in flags); random runs reach depth cheaply and default to one of each.
  const faults = v["mode"] === "random" || v["mode"] === "coverage" ? 1 : 0;
  const intSpecs: [string, number, number, number][] = [
    ["f", 1, 0, 9], ["depth", 8, 0, 10_000], ["txns", 1, 1, 9], ["loss", faults, 0, 1000], ["dup", faults, 0, 1000],
    ["partitions", 0, 0, 1000], ["crashes", 0, 0, 1000], ["late-submits", 0, 0, 9], ["timeouts", faults, 0, 1000],
    ["window", 4, 1, 64], ["checkpoint-interval", 2, 1, 64], ["batch", 1, 1, 9],
    ["keys", 2, 1, 9], ["runs", 1000, 1, 10_000_000], ["steps", 60, 1, 100_000],
    ["seed", 1, 0, 2 ** 31 - 1],
    ["max-seconds", 600, 1, 86_400], ["max-states", 100_000_000, 1, 2 ** 31 - 1], ["max-memory-mb", 1024, 1, 20_000],
    ["workers", 1, 1, 64], ["hood", hoodDefault, 0, 64],
  ];
  // `--workers auto` (the default) is resolved below, once the roots are known.
  const workersGiven = v["workers"] !== undefined && v["workers"] !== "auto";
  for (const [name, fallback, min, max] of intSpecs) {
    const r = intFlag(name === "workers" && !workersGiven ? {} : v, name, fallback, min, max);
    if (!r.ok) return r;
    ints[name] = r.value;
  }
  const f = ints["f"] as number;
  const n = intFlag(v, "n", 3 * f + 1, 1, 29);
  if (!n.ok) return n;
  const mode = choiceFlag(v, "mode", checkModes, "bfs");
  const coordinator = choiceFlag(v, "coordinator", coordinatorModes, "honest");
  const strategy = choiceFlag(v, "strategy", strategyNames, "all");
  const flag = choiceFlag(v, "flag", ["commit", "abort"] as const, "commit");
  const reduce = reductionFlag(v);
  const liveness = choiceFlag(v, "liveness", ["auto", "on", "off"] as const, "auto");
  for (const r of [mode, coordinator, strategy, flag, reduce, liveness]) if (!r.ok) return r;
  if (!mode.ok || !coordinator.ok || !strategy.ok || !flag.ok || !reduce.ok || !liveness.ok) {
    return { ok: false, error: "unreachable" };
  }
  // Random mode's own flags would be ignored by the other searches, so naming them there is a mistake.
  if (mode.value !== "random" && v["path"] !== undefined) {
    return { ok: false, error: `--path is a flag of --mode random, not --mode ${mode.value}` };
  }
  if (mode.value === "bfs" && v["swarm"] !== undefined) {
    return { ok: false, error: "--swarm is a flag of --mode random and --mode coverage, not --mode bfs" };
  }
  const path = v["path"];
  if (path !== undefined && (typeof path !== "string" || !/^\d+(:\d+)*$/.test(path))) {
    return { ok: false, error: `--path takes fast-check's path, like 2:5:0, got "${String(path)}"` };
  }
  const mutant = v["mutant"];
  if (typeof mutant === "string" && !isMutant(mutant)) {
    return { ok: false, error: `--mutant: unknown mutant "${mutant}" (known: ${mutantNames.join(", ")})` };
  }
  const workload = workloadFlags(v, ints["txns"] as number);
  if (!workload.ok) return workload;
  // BFS's default workload: t1 flagged commit and t2 flagged abort, one search each (cli/bfs-roots.ts), so the gate
  // exercises both clauses of I2 at a depth where one slot decides. A Byzantine coordinator flags nothing: one txn.
  const workloadNamed = ["txns", "flag", "flags", "stale-reads", "keys"].some((name) => v[name] !== undefined);
  const bfsDefault = mode.value === "bfs" && !workloadNamed && coordinator.value !== "byzantine";
  const submit = choiceFlag(v, "submit", ["together", "each"] as const, bfsDefault ? "each" : "together");
  if (!submit.ok) return submit;
  if (mode.value !== "bfs" && v["submit"] !== undefined) {
    return { ok: false, error: `--submit is a flag of --mode bfs, not --mode ${mode.value}` };
  }
  const flags = bfsDefault ? ["commit", "abort"] as Outcome[] : workload.value.flags;
  const byzantine = nodeList(v["byzantine"], n.value);
  if (!byzantine.ok) return byzantine;
  const made = makeCheckConfig({
    n: n.value, f, coordinator: coordinator.value, strategy: strategy.value, flag: flag.value, txnCount: ints["txns"],
    flags, stale: workload.value.stale, keys: ints["keys"],
    byzantine: v["byzantine"] === undefined ? undefined : byzantine.value,
    mutant: typeof mutant === "string" ? mutant : null, corrupt: v["corrupt"] === true,
    budgets: {
      loss: ints["loss"], dup: ints["dup"], partitions: ints["partitions"], crashes: ints["crashes"],
      timeouts: ints["timeouts"], submits: ints["late-submits"],
    } as never,
    protocol: {
      windowSize: ints["window"], checkpointInterval: ints["checkpoint-interval"],
      // Absent for batches of one, so the config (and every trace that stores it) reads as before batching.
      ...(ints["batch"] === 1 ? {} : { batchSize: ints["batch"] }),
    } as never,
  });
  if (!made.ok) return made;
  const late = lateSubmitsProblem(v, mode.value, submit.value);
  if (late !== null) return { ok: false, error: `--late-submits: ${late}` };
  // Two Byzantine voters can be needed for one quorum, and the first of them is always absorbed silently,
  // so the latent reduction would never deliver it (explore-bfs.ts: latentReductionProblem).
  const latentProblem = latentReductionProblem(made.config);
  const latentNamed = reduce.value.includes("latent-byzantine");
  if (latentNamed && latentProblem !== null && v["reduce"] !== undefined) {
    return { ok: false, error: `--reduce latent-byzantine: ${latentProblem}` };
  }
  const collectDeadMail = reduce.value.includes("dead-mail");
  const checkDeadMail = v["check-dead-mail"] === true;
  const deadProblem = collectDeadMail || checkDeadMail ? deadMailProblem(made.config) : null;
  if (deadProblem !== null) {
    const flagName = collectDeadMail ? "--reduce dead-mail" : "--check-dead-mail";
    return { ok: false, error: `${flagName}: ${deadProblem}` };
  }
  if (collectDeadMail && checkDeadMail) {
    return { ok: false, error: "--check-dead-mail keeps dead mail in flight: use it without --reduce dead-mail" };
  }
  if (collectDeadMail && mode.value !== "bfs") {
    return { ok: false, error: "dead-mail collection is a flag of BFS (--mode bfs)" };
  }
  const shard = typeof v["shard"] === "string" ? parseShard(v["shard"]) : null;
  if (shard !== null && !shard.ok) return shard;
  // Several roots run on threads of their own, each the sequential search; one root on threads is split by levels.
  const rootCount = mode.value === "bfs" && submit.value === "each" ? made.config.txns.length : 1;
  const autoWorkers = rootCount > 1 && shard === null && v["from"] === undefined
    ? Math.min(rootCount, availableParallelism()) : 1;
  const workers = workersGiven ? ints["workers"] as number : autoWorkers;
  const levelSplit = workers > 1 && rootCount === 1;
  if (checkDeadMail && (mode.value !== "bfs" || levelSplit)) {
    return { ok: false, error: "the dead-mail cross-check is a flag of the sequential BFS (--mode bfs, not split " +
      "by levels: --workers 1 with one root)" };
  }
  const reducePartialOrder = reduce.value.split(",").includes("por");
  const checkPartialOrder = v["check-por"] === true;
  if (checkPartialOrder && !reducePartialOrder) {
    return { ok: false, error: "--check-por cross-checks --reduce ...,por: add it" };
  }
  if (reducePartialOrder && (mode.value !== "bfs" || levelSplit || shard !== null)) {
    return { ok: false, error: "--reduce por is a flag of the sequential, unsharded BFS (--mode bfs, not split by " +
      "levels: --workers 1 with one root)" };
  }
  const splitDepth = intFlag(v, "split-depth", -1, 0, 10_000);
  if (!splitDepth.ok) return splitDepth;
  if (v["split-depth"] !== undefined && (shard === null || mode.value !== "bfs")) {
    return { ok: false, error: "--split-depth is a flag of a sharded BFS (--shard i/N)" };
  }
  if (workers !== 1 && (mode.value !== "bfs" || shard !== null)) {
    return { ok: false, error: "--workers is a flag of BFS, not yet of a sharded one (--shard)" };
  }
  const from = fromProblem(v, mode.value);
  if (from !== null) return { ok: false, error: from };
  for (const name of ["hood", "hood-archive"]) {
    if (v[name] !== undefined && mode.value !== "coverage") {
      return { ok: false, error: `--${name} is a flag of --mode coverage, not --mode ${mode.value}` };
    }
  }
  const expected = expectedWitnesses(v["expect"]);
  if (!expected.ok) return expected;
  const bounds: SearchBounds = {
    depthMax: v["exhaustive"] === true ? Number.POSITIVE_INFINITY : ints["depth"] as number,
    secondsMax: ints["max-seconds"] as number, statesMax: ints["max-states"] as number,
    bytesMax: (ints["max-memory-mb"] as number) * 2 ** 20, runs: ints["runs"] as number, steps: ints["steps"] as number,
    seed: ints["seed"] as number, swarm: v["swarm"] === true,
    reduceLatentByzantine: latentNamed && latentProblem === null,
    collectDeadMail, checkDeadMail, reducePartialOrder, checkPartialOrder,
    liveness: liveness.value, path: typeof path === "string" ? path : null, submit: submit.value,
    shard: shard === null ? null : shard.value, splitDepth: splitDepth.value < 0 ? null : splitDepth.value,
    workers, expected: expected.value, hood: ints["hood"] as number,
    hoodArchive: v["hood-archive"] === true,
  };
  return { ok: true, value: { config: made.config, bounds, mode: mode.value } };
}
