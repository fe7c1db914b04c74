/**
 * A trace as a file holds it (DESIGN.md §7): the engine's trace (the records and
 * the verdict, trace-container.ts) under the model's format name and version,
 * with the model's own fields (for byzcommit: mode, seed, config) and the state's
 * fingerprint after each step, so a replay can name the first step whose world
 * differs. The engine builds the document from a path of action indices or from
 * records, by running them through the model's judged step, and writes its text;
 * reading the text back and decoding its fields is the model's (its schema).
 */
import { fingerprintHex } from "./hash64.js";
import { judgedStep, type Verdict } from "./search-model.js";
import type { EngineTrace, TraceModel } from "./trace-container.js";

/** What names the file's format: a reader refuses a document of another name or version. */
export interface DocumentHeader<F extends string, V extends number> {
  readonly format: F;
  readonly version: V;
}

/** The records, one fingerprint (16 hex digits) per record, and the verdict: what the engine writes. */
export interface DocumentBody<R> {
  readonly actions: readonly R[];
  readonly fingerprints: readonly string[];
  readonly violation: Verdict | null;
}

export type TraceDocument<F extends string, V extends number, X, R> = DocumentHeader<F, V> & X & DocumentBody<R>;

/** Builds the document of a run given as a path of indices into `model.actions` (a BFS parent log's path). */
export function documentFromPath<S, A, R, F extends string, V extends number, X>(
  model: TraceModel<S, A, R>, header: DocumentHeader<F, V>, fields: X, path: readonly number[],
  violation: Verdict | null,
): TraceDocument<F, V, X, R> {
  return documentOf(model, header, fields, path.length, violation, (state, step) => {
    const index = path[step] as number;
    const action = model.actions(state)[index];
    if (action === undefined) throw new Error(`path index ${index} is not enabled at step ${step}`);
    return action;
  });
}

/** Builds the document of a run given as records, each of which must be enabled in turn. */
export function documentFromRecords<S, A, R, F extends string, V extends number, X>(
  model: TraceModel<S, A, R>, header: DocumentHeader<F, V>, fields: X, records: readonly R[],
  violation: Verdict | null,
): TraceDocument<F, V, X, R> {
  return documentOf(model, header, fields, records.length, violation, (state, step) => {
    const action = model.codec.decode(state, records[step] as R);
    if (action === null) throw new Error(`step ${step + 1} is not enabled`);
    return action;
  });
}

/**
 * Runs `count` actions from the initial state through the judged step (so a step the model turns into a verdict,
 * such as an assertion in its code, leaves the state as its `step` says) and records each with its fingerprint.
 */
function documentOf<S, A, R, F extends string, V extends number, X>(
  model: TraceModel<S, A, R>, header: DocumentHeader<F, V>, fields: X, count: number, violation: Verdict | null,
  choose: (state: S, step: number) => A,
): TraceDocument<F, V, X, R> {
  let state = model.initial();
  const actions: R[] = [];
  const fingerprints: string[] = [];
  const fp = { hi: 0, lo: 0 };
  for (let step = 0; step < count; step++) {
    const action = choose(state, step);
    state = judgedStep(model, state, action).state;
    actions.push(model.codec.encode(action));
    model.fingerprint(state, fp);
    fingerprints.push(fingerprintHex(fp.hi, fp.lo));
  }
  return { format: header.format, version: header.version, ...fields, actions, fingerprints, violation };
}

/** The document's engine trace: what decodeTrace and replayRecords take (trace-container.ts). */
export const engineTraceOf = <R>(document: DocumentBody<R>): EngineTrace<R> =>
  ({ actions: document.actions, verdict: document.violation });

/** The document as the file's text: JSON, one space of indent, a final newline. */
export const documentText = (document: object): string => `${JSON.stringify(document, null, 1)}\n`;

/** What a schema of records cannot say: one fingerprint of 16 hex digits per record. Null when fine. */
export function fingerprintsProblem(document: DocumentBody<unknown>): string | null {
  const { actions, fingerprints } = document;
  if (fingerprints.length !== actions.length) {
    return `fingerprints: ${fingerprints.length} for ${actions.length} actions (one per action)`;
  }
  const bad = fingerprints.findIndex((f) => !/^[0-9a-f]{16}$/.test(f));
  if (bad < 0) return null;
  return `fingerprints[${bad}]: expected 16 hex digits, got ${JSON.stringify(fingerprints[bad]).slice(0, 40)}`;
}
