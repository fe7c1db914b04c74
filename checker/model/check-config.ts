/**
 * What one check explores: the protocol config, who is Byzantine and how, the
 * client's transactions, and the fault budgets. Traces store it whole.
 */
import { configProblem, makeProtocolConfig, type ProtocolConfig } from "../../spec/config.js";
import type { NodeId, Outcome, Txn } from "../../spec/messages.js";
import { keysDefault, workloadProblem, workloadTxns, type TxnShape } from "./workload.js";
import { asNodeId } from "../../spec/ids.js";

export const strategyNames = ["all", "silent", "equivocate", "vote-both", "stale-view", "replay", "forge"] as const;
/** Strategies that were `all` under another name (adversary-strategy.ts): old traces naming them load as `all`. */
export const retiredStrategies = ["collude", "twins"] as const;
export type Strategy = (typeof strategyNames)[number];
export const coordinatorModes = ["honest", "byzantine", "silent"] as const;
export type CoordinatorMode = (typeof coordinatorModes)[number];

export interface Budgets {
  readonly loss: number;
  readonly dup: number;
  readonly partitions: number;
  readonly crashes: number;
  readonly timeouts: number;
  /**
   * `--late-submits`: the client holds back the last `submits` txns and submits each, in order, at any step of
   * its choosing (late-submits.ts). Absent (0) by default: every txn is submitted before the first step.
   */
  readonly submits?: number;
}

export interface CheckConfig {
  readonly n: number;
  readonly f: number;
  readonly byzantine: readonly NodeId[];
  readonly coordinator: CoordinatorMode;
  /** The client's transactions, submitted to the coordinator in order, each with the coordinator's flag. */
  readonly txns: readonly { readonly txn: Txn; readonly flag: Outcome }[];
  readonly budgets: Budgets;
  readonly strategy: Strategy;
  /**
   * The catalog mutant (checker/mutants/) whose patch the core running this config
   * carries, or null for the real core. A label, not a switch: only a patched scratch
   * build of that mutant runs such a config (checker/mutants/applied.ts).
   */
  readonly mutant: string | null;
  readonly protocol: ProtocolConfig;
  /**
   * The adversary also sends the single-field corruptions of its composites (adversary-corruptions.ts). Absent
   * (false) by default: BFS affords them (the moves that repeat another's change are counted in place), but a
   * random run or a coverage excursion enumerates them at every step, several times slower, and the catalog's
   * 60 s searches then miss three of its entries.
   */
  readonly corrupt?: boolean;
}

export const defaultBudgets: Budgets = { loss: 1, dup: 1, partitions: 0, crashes: 0, timeouts: 1 };

/** Txn i writes key "k{i mod 2}" so that with 3+ txns two of them contend for one key (workload.ts). */
export function defaultTxns(count: number, flag: Outcome): CheckConfig["txns"] {
  return workloadTxns({ txns: Array.from({ length: count }, () => ({ flag, stale: false })), keys: keysDefault });
}

export interface CheckConfigInput {
  readonly n?: number | undefined;
  readonly f?: number | undefined;
  readonly byzantine?: readonly NodeId[] | undefined;
  readonly coordinator?: CoordinatorMode | undefined;
  readonly txnCount?: number | undefined;
  readonly flag?: Outcome | undefined;
  /** Per-txn flags (workload.ts); their count is the txn count. Wins over `txnCount` and `flag`. */
  readonly flags?: readonly Outcome[] | undefined;
  /** Txn numbers (1-based) whose precondition fails. */
  readonly stale?: readonly number[] | undefined;
  /** Distinct keys the txns write (default 2). */
  readonly keys?: number | undefined;
  readonly budgets?: Partial<Budgets> | undefined;
  readonly strategy?: Strategy | undefined;
  readonly corrupt?: boolean | undefined;
  readonly mutant?: string | null | undefined;
  readonly protocol?: Partial<ProtocolConfig> | undefined;
}

/** Fills defaults (n = 3f+1, the last f participants Byzantine) and checks every relation once. */
export function makeCheckConfig(
  input: CheckConfigInput,
): { ok: true; config: CheckConfig } | { ok: false; error: string } {
  const f = input.f ?? 1;
  const n = input.n ?? 3 * f + 1;
  const protocol = makeProtocolConfig(n, f, input.protocol ?? {});
  const problem = configProblem(protocol);
  if (problem !== null) return { ok: false, error: problem };
  const byzantine = [...(input.byzantine ?? Array.from({ length: f }, (_, i) => asNodeId(n - f + i)))]
    .sort((a, b) => a - b);
  if (byzantine.length > f) {
    return { ok: false, error: `at most f = ${f} Byzantine participants, got ${byzantine.length}` };
  }
  for (const b of byzantine) {
    if (!Number.isInteger(b) || b < 0 || b >= n) {
      return { ok: false, error: `Byzantine participant ${b} is not in 0..${n - 1}` };
    }
  }
  if (new Set(byzantine).size !== byzantine.length) return { ok: false, error: `Byzantine participants repeat` };
  const txnCount = input.flags?.length ?? input.txnCount ?? 1;
  if (!Number.isInteger(txnCount) || txnCount < 1 || txnCount > 9) {
    return { ok: false, error: `txns must be an integer in 1..9, got ${txnCount}` };
  }
  const shapes: TxnShape[] = Array.from({ length: txnCount }, (_, i) =>
    ({ flag: input.flags?.[i] ?? input.flag ?? "commit", stale: (input.stale ?? []).includes(i + 1) }));
  const workload = { txns: shapes, keys: input.keys ?? keysDefault };
  const badWorkload = workloadProblem(workload);
  if (badWorkload !== null) return { ok: false, error: badWorkload };
  const { submits, ...rest } = input.budgets ?? {};
  // Absent rather than 0, so a config (and every trace that stores it) without late submits reads as before them.
  const late = submits === undefined || submits === 0 ? {} : { submits };
  const budgets: Budgets = { ...defaultBudgets, ...rest, ...late };
  for (const [name, value] of Object.entries(budgets)) {
    if (!Number.isInteger(value) || value < 0) {
      return { ok: false, error: `budget ${name} must be a non-negative integer, got ${value}` };
    }
  }
  if ((budgets.submits ?? 0) > txnCount) {
    return { ok: false, error: `late submits must be at most the txn count ${txnCount}, got ${budgets.submits}` };
  }
  return {
    ok: true,
    config: {
      n, f, byzantine, coordinator: input.coordinator ?? "honest", txns: workloadTxns(workload),
      budgets, strategy: input.strategy ?? "all", mutant: input.mutant ?? null, protocol,
      ...(input.corrupt === true ? { corrupt: true } : {}),
    },
  };
}
