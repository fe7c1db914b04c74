/**
 * A protocol-free trace: the steps of a run as the model's records (plain,
 * serializable data through the model's action codec) and the verdict the
 * run ends with. Decoding replays the records from the initial state: every
 * record must match an enabled action and the replay must end with the same
 * verdict, so a trace that no longer means what it recorded is an error, not
 * a silent pass. byzcommit's trace files (spec/trace.ts) add their config,
 * seed and fingerprints around the same two things.
 */
import { judge, judgedStep, type SearchModel, type Verdict } from "./search-model.js";

/** Actions to records and back: `decode` finds the enabled action a record names in `state`, or null. */
export interface ActionCodec<S, A, R> {
  encode(action: A): R;
  decode(state: S, record: R): A | null;
}

/** A model whose runs can be written down: a SearchModel with an action codec. */
export interface TraceModel<S, A, R> extends SearchModel<S, A> {
  readonly codec: ActionCodec<S, A, R>;
}

export interface EngineTrace<R> {
  readonly actions: readonly R[];
  readonly verdict: Verdict | null;
}

export function encodeTrace<S, A, R>(model: TraceModel<S, A, R>, actions: readonly A[], verdict: Verdict | null):
  EngineTrace<R> {
  return { actions: actions.map((a) => model.codec.encode(a)), verdict };
}

export interface RecordsReplay<S, A, R> {
  /** The records that were enabled and applied, up to and including the violating one. */
  readonly applied: readonly R[];
  readonly actions: readonly A[];
  /** Records not applied: not enabled when their turn came, or after the violation. */
  readonly skipped: number;
  readonly state: S;
  readonly verdict: Verdict | null;
}

/**
 * Replays records from the initial state. A record whose action is not enabled is SKIPPED (the shrinker's
 * judge: removing a step then also removes the steps that depended on it). The run stops at the first
 * verdict, so `applied` always replays exactly, with nothing skipped.
 */
export function replayRecords<S, A, R>(model: TraceModel<S, A, R>, records: readonly R[]): RecordsReplay<S, A, R> {
  let state = model.initial();
  const root = judge(model, state);
  if (root !== null) return { applied: [], actions: [], skipped: records.length, state, verdict: root };
  const applied: R[] = [];
  const actions: A[] = [];
  for (const record of records) {
    const action = model.codec.decode(state, record);
    if (action === null) continue;
    const next = judgedStep(model, state, action);
    state = next.state;
    applied.push(record);
    actions.push(action);
    if (next.verdict !== null) {
      return { applied, actions, skipped: records.length - applied.length, state, verdict: next.verdict };
    }
  }
  return { applied, actions, skipped: records.length - applied.length, state, verdict: null };
}

export type DecodedTrace<S, A> =
  | { readonly ok: true; readonly actions: readonly A[]; readonly states: readonly S[] }
  | { readonly ok: false; readonly error: string };

/** Decodes a trace strictly: every record enabled in turn, and the recorded verdict reproduced. */
export function decodeTrace<S, A, R>(model: TraceModel<S, A, R>, trace: EngineTrace<R>): DecodedTrace<S, A> {
  let state = model.initial();
  const states = [state];
  const actions: A[] = [];
  let verdict = judge(model, state);
  for (const [i, record] of trace.actions.entries()) {
    if (verdict !== null) return { ok: false, error: `step ${i}: the run already broke ${verdict.invariant}` };
    const action = model.codec.decode(state, record);
    if (action === null) return { ok: false, error: `step ${i}: ${JSON.stringify(record)} is not enabled` };
    const next = judgedStep(model, state, action);
    state = next.state;
    states.push(state);
    actions.push(action);
    verdict = next.verdict;
  }
  const want = trace.verdict?.invariant ?? "no violation";
  const got = verdict?.invariant ?? "no violation";
  if (want !== got) return { ok: false, error: `the trace records ${want} but its replay ends with ${got}` };
  return { ok: true, actions, states };
}

/** The shrinker's default judge (shrink-sequence.ts): replay, skipping steps no longer enabled. */
export function violatesOnReplay<S, A, R>(model: TraceModel<S, A, R>):
  (records: readonly R[]) => { invariant: string; message: string; applied: readonly R[] } | null {
  return (records) => {
    const run = replayRecords(model, records);
    return run.verdict === null ? null : { ...run.verdict, applied: run.applied };
  };
}
