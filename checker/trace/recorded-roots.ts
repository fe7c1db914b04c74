/**
 * The roots under traces/roots/ (`--from` prefixes) as scripts: a config and a few
 * steps, each naming what it does (deliver a message of a kind from one node to
 * another, fire one node's timer), never a signature or a digest. A root file is
 * the script's replay written as a trace, so a test rebuilds every root from its
 * script and fails when the file differs (`RECORD_ROOTS=1` rewrites it): a change
 * of the core or of the world's encoding cannot leave a stale root behind.
 */
import type { Message } from "../../spec/messages.js";
import type { Trace } from "../../spec/trace.js";
import type { TimerName } from "../../impl/core/types.js";
import { describeAction } from "../model/action-codec.js";
import { enabledActions } from "../model/actions.js";
import { apply } from "../model/apply.js";
import { makeCheckConfig, type CheckConfigInput } from "../model/check-config.js";
import { makeContext } from "../model/context.js";
import { initialWorld } from "../model/initial-world.js";
import { traceFromPath } from "./trace-file.js";
import { asNodeId } from "../../spec/ids.js";

/**
 * One step of a root: the first enabled action it describes is taken (`seq`: only a message for it). A delivery, a
 * timer firing, or a drop (the network loses the message, charged to the loss budget).
 */
export type RootStep =
  | { readonly deliver: Message["kind"]; readonly from: number; readonly to: number; readonly seq?: number }
  | { readonly drop: Message["kind"]; readonly from: number; readonly to: number; readonly seq?: number }
  | { readonly fire: TimerName; readonly node: number };

export interface RootScript {
  /** The file's name under traces/roots/, without `.json`. */
  readonly name: string;
  readonly config: CheckConfigInput;
  readonly steps: readonly RootStep[];
}

const deliver = (kind: Message["kind"], from: number, to: number, seq?: number): RootStep =>
  (seq === undefined ? { deliver: kind, from, to } : { deliver: kind, from, to, seq });
const fire = (node: number): RootStep => ({ fire: "view-change", node });
const drop = (kind: Message["kind"], from: number, to: number, seq: number): RootStep =>
  ({ drop: kind, from, to, seq });

/** Every `kind` message of `seq` among the participants `ids`, sender by sender. */
const amongSeq = (kind: Message["kind"], ids: readonly number[], seq: number): RootStep[] =>
  ids.flatMap((from) => ids.filter((to) => to !== from).map((to) => deliver(kind, from, to, seq)));

/** Every PREPARE among the honest participants `ids`, sender by sender. */
const preparesAmong = (ids: readonly number[]): RootStep[] =>
  ids.flatMap((from) => ids.filter((to) => to !== from).map((to) => deliver("Prepare", from, to)));

/** Every COMMIT among the honest participants `ids`, sender by sender. */
const commitsAmong = (ids: readonly number[]): RootStep[] =>
  ids.flatMap((from) => ids.filter((to) => to !== from).map((to) => deliver("Commit", from, to)));

export const recordedRoots: readonly RootScript[] = [
  {
    // The default world with a timer budget: the PRE-PREPARE reached P0-P2 (P3 is Byzantine), then each of them
    // timed out, so every honest participant's VIEW-CHANGE for view 1 is in flight (the hunt starts here).
    name: "view-change-timers-fired",
    config: { budgets: { loss: 0, dup: 0, timeouts: 3 } },
    steps: [deliver("PrePrepare", 4, 0), deliver("PrePrepare", 4, 1), deliver("PrePrepare", 4, 2),
      fire(0), fire(1), fire(2)],
  },
  {
    // t1 flagged abort, P0 Byzantine (it leads view 1): t1 is prepared at P1-P3 (their COMMITs in flight), then P1
    // and P2 timed out, so their VIEW-CHANGEs (reaching P0 as knowledge) let P0 build view 1's NEW-VIEW while P3,
    // still in view 0, can commit. Within two or three steps of here a view change completes and an honest
    // participant decides abort, so a BFS of small depth proves both exhaustively (.ci/run).
    name: "abort-prepared-two-view-changes",
    config: { byzantine: [asNodeId(0)], flags: ["abort"], budgets: { loss: 0, dup: 0, timeouts: 2 } },
    steps: [deliver("PrePrepare", 4, 1), deliver("PrePrepare", 4, 2), deliver("PrePrepare", 4, 3),
      ...preparesAmong([1, 2, 3]), fire(1), fire(2)],
  },
  {
    // Batches of two, t1-t4 (flags commit, abort, commit, abort), P0 Byzantine (it leads view 1): the coordinator
    // proposed t1+t2 at s1 and t3+t4 at s2. s1 is prepared at P1-P3 (their COMMITs in flight), s2 only
    // pre-prepared at P1 and P2, then P1 and P2 timed out. No VIEW-CHANGE carries s2's certificate, so t3 and t4
    // are orphans: a NEW-VIEW P0 builds from them re-proposes both in one PRE-PREPARE (new-view.ts
    // `orphanBatches`), which an honest participant installs one step on ("a new view re-proposes a batch of
    // orphans"), while P3, still in view 0, can decide s1 two steps on.
    name: "orphan-batch-two-view-changes",
    config: {
      byzantine: [asNodeId(0)], flags: ["commit", "abort", "commit", "abort"], protocol: { batchSize: 2 },
      budgets: { loss: 0, dup: 0, timeouts: 2 },
    },
    steps: [deliver("PrePrepare", 4, 1, 1), deliver("PrePrepare", 4, 2, 1), deliver("PrePrepare", 4, 3, 1),
      ...preparesAmong([1, 2, 3]), deliver("PrePrepare", 4, 1, 2), deliver("PrePrepare", 4, 2, 2), fire(1), fire(2)],
  },
  {
    // Every participant honest, t1 flagged commit, one crash-restart in the budget: C's PRE-PREPARE reached P0-P2,
    // whose PREPAREs and COMMITs among themselves let each decide, so their three confirmations are in flight to C
    // and P3 has nothing yet. Within two steps C replies on f+1 of them; a BFS from here crashes any node before,
    // between or after, so the reply's persist-before-send is judged by I7d durable replies
    // (spec/invariants/durable-replies.ts) at every place a restart can meet it (the mutation probe's
    // `reply-crash`).
    name: "confirmations-in-flight",
    config: { byzantine: [], budgets: { loss: 0, dup: 0, timeouts: 0, crashes: 1 } },
    steps: [deliver("PrePrepare", 4, 0), deliver("PrePrepare", 4, 1), deliver("PrePrepare", 4, 2),
      ...preparesAmong([0, 1, 2]), ...commitsAmong([0, 1, 2])],
  },
  {
    // Every node honest, t1 and t2, a checkpoint at every seq (K = 1), and P2 left behind by f+1 CHECKPOINTs that
    // never become Q at P2: both pre-prepares to P2 are lost, P0, P1 and P3 execute s1 and s2, P3's CHECKPOINTs to
    // P2 are lost, P0's and P1's CHECKPOINT s2 reach P2 (f+1 signers more than K seqs ahead: `aheadSigners`), and
    // the state requests P2 sends at once reach P0 and P1 before they are stable themselves, so they ignore them.
    // Everything else is in flight: the coordinator's window moves past s2 once Q CHECKPOINTs reach it, so it stops
    // resending, and nothing pending is left at P2. Only P2's resend timer, armed while it is left behind
    // (participant-timers.ts `needsResend`), asks again; the liveness judgement after the healed phase says
    // whether it does. The loss budget is spent and no timer may fire before the healed phase, so runs from here
    // reorder and duplicate deliveries (a firing there let P2 take s1's state and stall one seq short of s2, a core
    // bug since fixed: traces/fixed/liveness-checkpoint-k-ahead-*; the root was kept as it was).
    name: "left-behind-by-checkpoints",
    config: {
      byzantine: [], txnCount: 2, protocol: { checkpointInterval: 1 }, budgets: { loss: 4, dup: 1, timeouts: 0 },
    },
    steps: [drop("PrePrepare", 4, 2, 1), drop("PrePrepare", 4, 2, 2),
      ...[1, 2].flatMap((seq) => [0, 1, 3].map((to) => deliver("PrePrepare", 4, to, seq))),
      ...amongSeq("Prepare", [0, 1, 3], 1), ...amongSeq("Prepare", [0, 1, 3], 2),
      ...amongSeq("Commit", [0, 1, 3], 1), ...amongSeq("Commit", [0, 1, 3], 2),
      drop("Checkpoint", 3, 2, 1), drop("Checkpoint", 3, 2, 2),
      deliver("Checkpoint", 0, 2, 2), deliver("Checkpoint", 1, 2, 2),
      deliver("StateRequest", 2, 0), deliver("StateRequest", 2, 1)],
  },
  {
    // Every participant honest, t1 submitted, t2 held back by the client (one late submission): t1 is decided at
    // P0-P2 as in `confirmations-in-flight`, and P0's and P1's confirmations reach C, which replies. Whatever comes
    // next, the client submits t2 to a coordinator that has already replied to another txn: the ordinary life of a
    // client that no search from the initial world reached, as a random step draws the client's submission long
    // before a reply (the mutation probe's `submit-after-reply`; liveness owes t2 its reply).
    name: "replied-before-late-submit",
    config: { byzantine: [], txnCount: 2, budgets: { loss: 0, dup: 0, timeouts: 0, submits: 1 } },
    steps: [deliver("PrePrepare", 4, 0), deliver("PrePrepare", 4, 1), deliver("PrePrepare", 4, 2),
      ...preparesAmong([0, 1, 2]), ...commitsAmong([0, 1, 2]), deliver("Confirm", 0, 4), deliver("Confirm", 1, 4)],
  },
];

function describes(step: RootStep, record: ReturnType<typeof describeAction>): boolean {
  if ("fire" in step) return record.kind === "fire" && record.node === step.node && record.timer === step.fire;
  const messageKind = "drop" in step ? step.drop : step.deliver;
  const kind = "drop" in step ? "drop" : "deliver";
  if (record.kind !== kind || record.from !== step.from || record.to !== step.to) return false;
  const body = record.message.body;
  return body.kind === messageKind && (step.seq === undefined || ("seq" in body && body.seq === step.seq));
}

function stepText(step: RootStep): string {
  if ("fire" in step) return `fire ${step.fire} at ${step.node}`;
  const [verb, kind] = "drop" in step ? ["drop", step.drop] : ["deliver", step.deliver];
  return `${verb} ${kind}${step.seq === undefined ? "" : ` s${step.seq}`} ${step.from}->${step.to}`;
}

/** The script's trace, or the one line saying which step is not enabled (or why the config is bad). */
export function recordRoot(script: RootScript): { ok: true; trace: Trace } | { ok: false; error: string } {
  const made = makeCheckConfig(script.config);
  if (!made.ok) return { ok: false, error: `${script.name}: ${made.error}` };
  const ctx = makeContext(made.config);
  let world = initialWorld(ctx);
  const indices: number[] = [];
  for (const [i, step] of script.steps.entries()) {
    const actions = enabledActions(world, ctx);
    const index = actions.findIndex((a) => describes(step, describeAction(a)));
    const action = actions[index];
    if (action === undefined) {
      return { ok: false, error: `${script.name}: step ${i + 1} (${stepText(step)}) is not enabled` };
    }
    indices.push(index);
    world = apply(world, action, ctx).world;
  }
  return { ok: true, trace: traceFromPath(ctx, indices, { mode: "bfs", seed: null, violation: null }) };
}
