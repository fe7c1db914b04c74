/**
 * `npm run cluster` arguments to ClusterOptions, or a one-line usage error.
 * Faults: `--byzantine P3:equivocate` (repeatable), `--loss 0.05 --dup 0.02
 * --delay-ms 0-20`, `--kill P1@2s --restart P1@4s` (repeatable; s or ms),
 * `--partition P0,P1|P2,P3,C@2s --heal 6s` (repeatable; nodes named in no group form one more).
 * Protocol: `--window W --checkpoint-interval K --view-change-ticks T` override the
 * defaults the run derives from the concurrency (cluster-run.ts).
 * Expiry: `--expires-after N` has the client sign each txn to expire N seqs past the
 * coordinator's next seq (client.ts; a seq, as impl/core/coordinator-expiry.ts means it);
 * default four windows, 0 for none.
 */
import { isBehaviour, type Behaviour } from "../byzantine.js";
import { nodeIdOf } from "../cluster-config.js";
import type { DecodeResult } from "../decode-result.js";
import { checkpointIntervalFor, defaultClusterOptions, windowSizeFor, type ClusterOptions } from "./cluster-run.js";
import type { FaultEvent } from "./fault-schedule.js";
import { strictArgs } from "../strict-args.js";

export const usage = "usage: npm run cluster -- [--n 4] [--f 1] [--txns 1000] [--concurrency 32]" +
  " [--byzantine P3:equivocate|silent]..." +
  " [--loss 0.05] [--dup 0.02] [--delay-ms 0-20] [--kill P1@2s] [--restart P1@4s] [--partition P0,P1|P2,P3,C@2s]" +
  " [--heal 6s] [--seed 1] [--tick-ms 250] [--timeout-s 300]" +
  " [--window W] [--checkpoint-interval K] [--view-change-ticks 80] [--batch-size B]" +
  " [--batch-delay-ms 5] [--expires-after N (seqs; default 4 windows; 0 none)] [--json]";

/**
 * The CLI's default expiry: four windows of seqs past the coordinator's next seq. A txn is proposed within a
 * window of where it was submitted unless the cluster stalls, so this leaves its client three more to learn
 * the outcome before the records go.
 */
export const expiresAfterWindows = 4;

export interface ClusterArgs { readonly options: ClusterOptions; readonly json: boolean; readonly help: boolean }

export function parseClusterArgs(argv: readonly string[]): DecodeResult<ClusterArgs> {
  const parsed = strictArgs(argv, {
    n: { type: "string" }, f: { type: "string" }, txns: { type: "string" }, concurrency: { type: "string" },
    byzantine: { type: "string", multiple: true }, loss: { type: "string" }, dup: { type: "string" },
    "delay-ms": { type: "string" },
    kill: { type: "string", multiple: true }, restart: { type: "string", multiple: true }, seed: { type: "string" },
    partition: { type: "string", multiple: true }, heal: { type: "string", multiple: true },
    "tick-ms": { type: "string" }, "timeout-s": { type: "string" }, json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
    window: { type: "string" }, "checkpoint-interval": { type: "string" }, "view-change-ticks": { type: "string" },
    "batch-size": { type: "string" }, "batch-delay-ms": { type: "string" }, "expires-after": { type: "string" },
  });
  if (!parsed.ok) return parsed;
  const values = parsed.value;
  const d = defaultClusterOptions;
  const n = integer(values.n, d.n, 1);
  const f = integer(values.f, d.f, 0);
  const numbers = {
    n, f, txns: integer(values.txns, d.txns, 1), concurrency: integer(values.concurrency, d.concurrency, 1),
    seed: integer(values.seed, d.seed, 0), tickMs: integer(values["tick-ms"], d.tickMs, 1),
    timeoutS: integer(values["timeout-s"], d.timeoutMs / 1000, 1),
    loss: fraction(values.loss), dup: fraction(values.dup),
  };
  for (const [name, value] of Object.entries(numbers)) {
    if (value === null) return { ok: false, error: `--${name}: bad number` };
  }
  const protocol = { window: optional(values.window), "checkpoint-interval": optional(values["checkpoint-interval"]),
    "view-change-ticks": optional(values["view-change-ticks"]), "batch-size": optional(values["batch-size"]),
    "batch-delay-ms": optional(values["batch-delay-ms"]) };
  for (const [name, value] of Object.entries(protocol)) {
    if (value === null) return { ok: false, error: `--${name}: expected a positive integer` };
  }
  const viewChangeTicks = protocol["view-change-ticks"];
  const batchSize = protocol["batch-size"] ?? undefined;
  const windowSize = protocol.window ?? windowSizeFor(numbers.concurrency as number);
  const checkpointInterval = protocol["checkpoint-interval"] ?? checkpointIntervalFor(windowSize);
  // PBFT §4.3: a checkpoint must fall inside the window, or the window could never move.
  if (checkpointInterval > windowSize) {
    return { ok: false, error: `--checkpoint-interval ${checkpointInterval} exceeds the window ${windowSize}` };
  }
  const expiresAfter = integer(values["expires-after"], expiresAfterWindows * windowSize, 0);
  if (expiresAfter === null) return { ok: false, error: "--expires-after: expected a whole number of seqs (0: none)" };
  const delay = /^(\d+)(?:-(\d+))?$/.exec(values["delay-ms"] ?? "0");
  if (delay === null) return { ok: false, error: "--delay-ms: expected <ms> or <min>-<max>" };
  const byzantine = new Map<string, Behaviour>();
  for (const spec of values.byzantine ?? []) {
    const [name = "", behaviour = ""] = spec.split(":");
    if (!isParticipant(name, n ?? 0) || !isBehaviour(behaviour)) {
      return { ok: false, error: `--byzantine ${spec}: expected P<i>:silent|equivocate` };
    }
    byzantine.set(name, behaviour);
  }
  const events: FaultEvent[] = [];
  for (const [action, specs] of [["kill", values.kill], ["restart", values.restart]] as const) {
    for (const spec of specs ?? []) {
      const event = faultEvent(action, spec, n ?? 0);
      if (event === null) {
        return { ok: false, error: `--${action} ${spec}: expected <node>@<time>, e.g. P1@2s or C@1500ms` };
      }
      events.push(event);
    }
  }
  for (const spec of values.partition ?? []) {
    const event = partitionEvent(spec, n ?? 0);
    const expected = "expected <nodes>|<nodes>@<time>, e.g. P0,P1|P2,P3,C@2s";
    if (event === null) return { ok: false, error: `--partition ${spec}: ${expected}` };
    events.push(event);
  }
  for (const spec of values.heal ?? []) {
    const atMs = timeMs(spec);
    if (atMs === null) return { ok: false, error: `--heal ${spec}: expected <time>, e.g. 6s or 6000ms` };
    events.push({ action: "heal", atMs });
  }
  const delayMsMin = Number(delay[1]);
  const delayMsMax = Number(delay[2] ?? delay[1]);
  return { ok: true, value: { json: values.json === true, help: values.help === true, options: {
    ...d, n: n as number, f: f as number, txns: numbers.txns as number, concurrency: numbers.concurrency as number,
    seed: numbers.seed as number, tickMs: numbers.tickMs as number, timeoutMs: (numbers.timeoutS as number) * 1000,
    byzantine, events,
    faults: {
      loss: numbers.loss as number, duplicate: numbers.dup as number, delayMsMin,
      delayMsMax: Math.max(delayMsMin, delayMsMax),
    },
    windowSize, checkpointInterval, ...(typeof viewChangeTicks === "number" ? { viewChangeTicks } : {}),
    ...(expiresAfter === 0 ? {} : { expiresAfterSeqs: expiresAfter }),
    ...(batchSize === undefined ? {} : { batch: { size: batchSize, delayMs: protocol["batch-delay-ms"] ?? 5 } }),
  } } };
}

function integer(text: string | undefined, fallback: number, min: number): number | null {
  if (text === undefined) return fallback;
  const value = Number(text);
  return Number.isInteger(value) && value >= min ? value : null;
}

/** An optional positive integer: undefined when absent, null when malformed. */
function optional(text: string | undefined): number | undefined | null {
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 ? value : null;
}

function fraction(text: string | undefined): number | null {
  if (text === undefined) return 0;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : null;
}

const isParticipant = (name: string, n: number): boolean =>
  name !== "C" && nodeIdOf(name, n) !== null && nodeIdOf(name, n) !== n + 1;

function faultEvent(action: "kill" | "restart", spec: string, n: number): FaultEvent | null {
  const match = /^(P\d+|C)@(\d+(?:\.\d+)?)(ms|s)$/.exec(spec);
  if (match === null || nodeIdOf(match[1] as string, n) === null) return null;
  const atMs = Number(match[2]) * (match[3] === "s" ? 1000 : 1);
  return { action, node: match[1] as string, atMs };
}

function timeMs(spec: string): number | null {
  const match = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(spec);
  return match === null ? null : Number(match[1]) * (match[2] === "s" ? 1000 : 1);
}

/** `P0,P1|P2,P3,C@2s`: groups of node names, each node in at most one group. */
function partitionEvent(spec: string, n: number): FaultEvent | null {
  const at = spec.lastIndexOf("@");
  const atMs = at < 0 ? null : timeMs(spec.slice(at + 1));
  if (atMs === null) return null;
  const groups = spec.slice(0, at).split("|").map((group) => group.split(",").filter((name) => name !== ""));
  const names = groups.flat();
  const known = names.every((name) => nodeIdOf(name, n) !== null && nodeIdOf(name, n) !== n + 1);
  if (groups.some((g) => g.length === 0) || !known || new Set(names).size !== names.length) return null;
  return { action: "partition", groups, atMs };
}
