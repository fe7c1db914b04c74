/**
 * A second protocol for the engine: two-phase commit (Gray, 1978), one
 * coordinator and n participants, small enough to check in milliseconds. It
 * shows the engine knows no byzcommit: this file implements SearchModel and
 * imports nothing from checker/model, impl/ or spec/.
 *
 * 1. The coordinator sends PREPARE to every participant.
 * 2. A participant votes YES (and is then prepared: it may no longer decide
 *    alone) or NO (and aborts at once).
 * 3. On n YES votes the coordinator decides commit, on a NO abort, and sends
 *    the decision to everyone; a participant adopts it on delivery.
 *
 * The coordinator may crash for good (crash-stop): a participant that voted YES
 * then waits for a decision nobody will send. That is 2PC's known blocking, and
 * the quiescence property "nobody is left prepared" must catch it.
 */
import { hashString64, type Fingerprint64 } from "../../../checker/engine/hash64.js";
import type { CoverageModel } from "../../../checker/engine/coverage-search.js";
import type { SearchModel, StatePredicate } from "../../../checker/engine/search-model.js";
import type { TraceModel } from "../../../checker/engine/trace-container.js";

type Decision = "commit" | "abort";

export interface Participant {
  readonly phase: "working" | "prepared" | "committed" | "aborted";
  /** What it voted, once it has. */
  readonly vote: "yes" | "no" | null;
  readonly prepareInFlight: boolean;
  readonly voteInFlight: "yes" | "no" | null;
  readonly decisionInFlight: Decision | null;
}

export interface TwoPhaseState {
  readonly coordinator: "init" | "waiting" | "committed" | "aborted";
  readonly crashed: boolean;
  readonly crashesLeft: number;
  readonly yesVotes: number;
  readonly participants: readonly Participant[];
}

export type TwoPhaseAction =
  | { readonly kind: "start" }
  | { readonly kind: "vote"; readonly p: number; readonly yes: boolean }
  | { readonly kind: "count"; readonly p: number }
  | { readonly kind: "learn"; readonly p: number }
  | { readonly kind: "crash" };

export interface TwoPhaseOptions {
  readonly participants: number;
  /** How often the coordinator may crash (0 or 1 make sense). */
  readonly crashes: number;
  /** The planted bug: decide commit on the first YES instead of on all n. */
  readonly commitOnFirstYes?: boolean;
  /** Participants are interchangeable: search one representative per permutation. */
  readonly symmetric?: boolean;
}

const replaceAt = <T>(list: readonly T[], i: number, value: T): T[] => list.map((x, j) => (j === i ? value : x));

function decide(state: TwoPhaseState, decision: Decision): TwoPhaseState {
  const coordinator = decision === "commit" ? "committed" : "aborted";
  return { ...state, coordinator, participants: state.participants.map((p) => ({ ...p, decisionInFlight: decision })) };
}

function step(state: TwoPhaseState, a: TwoPhaseAction, options: TwoPhaseOptions): TwoPhaseState {
  const ps = state.participants;
  switch (a.kind) {
    case "start":
      return { ...state, coordinator: "waiting", participants: ps.map((p) => ({ ...p, prepareInFlight: true })) };
    case "vote": {
      const p = ps[a.p] as Participant;
      const vote = a.yes ? "yes" : "no";
      const phase = a.yes ? "prepared" : "aborted";
      const voted = { ...p, prepareInFlight: false, phase, vote, voteInFlight: vote } as const;
      return { ...state, participants: replaceAt(ps, a.p, voted) };
    }
    case "count": {
      const p = ps[a.p] as Participant;
      const counted = { ...state, participants: replaceAt(ps, a.p, { ...p, voteInFlight: null }) };
      if (state.coordinator !== "waiting") return counted; // a late vote after the decision is just consumed
      if (p.voteInFlight === "no") return decide(counted, "abort");
      const yesVotes = state.yesVotes + 1;
      const enough = options.commitOnFirstYes === true || yesVotes === ps.length;
      return enough ? decide({ ...counted, yesVotes }, "commit") : { ...counted, yesVotes };
    }
    case "learn": {
      const p = ps[a.p] as Participant;
      const phase = p.decisionInFlight === "commit" ? "committed" : "aborted";
      return { ...state, participants: replaceAt(ps, a.p, { ...p, phase, decisionInFlight: null }) };
    }
    case "crash":
      return { ...state, crashed: true, crashesLeft: state.crashesLeft - 1 };
  }
}

function enabled(state: TwoPhaseState): TwoPhaseAction[] {
  const out: TwoPhaseAction[] = [];
  if (state.coordinator === "init" && !state.crashed) out.push({ kind: "start" });
  state.participants.forEach((p, i) => {
    if (p.prepareInFlight && p.phase === "working") {
      out.push({ kind: "vote", p: i, yes: true }, { kind: "vote", p: i, yes: false });
    }
    if (p.voteInFlight !== null && !state.crashed) out.push({ kind: "count", p: i });
    if (p.decisionInFlight !== null) out.push({ kind: "learn", p: i });
  });
  if (!state.crashed && state.crashesLeft > 0) out.push({ kind: "crash" });
  return out;
}

const agreement: StatePredicate<TwoPhaseState> = {
  name: "agreement",
  check: (s) => s.participants.some((p) => p.phase === "committed") && s.participants.some((p) => p.phase === "aborted")
    ? "one participant committed and another aborted" : null,
};

const validity: StatePredicate<TwoPhaseState> = {
  name: "validity",
  check: (s) => {
    const committed = s.coordinator === "committed" || s.participants.some((p) => p.phase === "committed");
    const notYes = s.participants.findIndex((p) => p.vote !== "yes");
    return committed && notYes >= 0 ? `commit decided although participant ${notYes} did not vote yes` : null;
  },
};

const nobodyBlocked: StatePredicate<TwoPhaseState> = {
  name: "nobody blocked",
  check: (s) => {
    const waiting = s.participants.findIndex((p) => p.phase === "prepared");
    return waiting < 0 ? null : `participant ${waiting} voted yes and waits for a decision nobody will send`;
  },
};

const encode = (p: Participant): string =>
  `${p.phase}/${p.vote ?? "-"}/${p.prepareInFlight ? "P" : "-"}/${p.voteInFlight ?? "-"}/${p.decisionInFlight ?? "-"}`;

/** A state as one string: participants in order, so equal states encode equal. */
export const encodeState = (s: TwoPhaseState): string =>
  `${s.coordinator} ${s.crashed ? "crashed" : "up"} ${s.crashesLeft} ${s.yesVotes} | ` +
  s.participants.map(encode).join(" ");

export function twoPhaseCommit(options: TwoPhaseOptions): SearchModel<TwoPhaseState, TwoPhaseAction> {
  const working: Participant =
    { phase: "working", vote: null, prepareInFlight: false, voteInFlight: null, decisionInFlight: null };
  const model: SearchModel<TwoPhaseState, TwoPhaseAction> = {
    initial: () => ({
      coordinator: "init", crashed: false, crashesLeft: options.crashes, yesVotes: 0,
      participants: Array.from({ length: options.participants }, () => working),
    }),
    actions: enabled,
    successor: (s, a) => step(s, a, options),
    fingerprint: (s, out: Fingerprint64) => { [out.hi, out.lo] = hashString64(encodeState(s)); },
    invariants: [agreement, validity],
    quiescent: [nobodyBlocked],
  };
  if (options.symmetric !== true) return model;
  // Participants differ only by index and no rule reads an index, so sorting them is a symmetry reduction.
  const canonical = (s: TwoPhaseState): TwoPhaseState => {
    const sorted = [...s.participants].sort((a, b) => (encode(a) < encode(b) ? -1 : encode(a) > encode(b) ? 1 : 0));
    return { ...s, participants: sorted };
  };
  return { ...model, canonical };
}

/** An action as a trace record: one short line ("vote 1 yes"). */
export function encodeAction(a: TwoPhaseAction): string {
  switch (a.kind) {
    case "vote": return `vote ${a.p} ${a.yes ? "yes" : "no"}`;
    case "count":
    case "learn": return `${a.kind} ${a.p}`;
    case "start":
    case "crash": return a.kind;
  }
}

/** How far 2PC got, with the messages in flight forgotten: the coverage cell of a state. */
export const progressKey = (s: TwoPhaseState): string =>
  `${s.coordinator} ${s.crashed ? "crashed" : "up"} ${s.yesVotes} | ${s.participants.map((p) => p.phase).join(" ")}`;

/** Outcomes a search should witness: each decision at some participant. */
const reachedBy = (phase: Participant["phase"]): StatePredicate<TwoPhaseState> => ({
  name: `a participant ${phase}`,
  check: (s) => (s.participants.some((p) => p.phase === phase) ? null : "not yet"),
});

/**
 * 2PC with what random search, coverage search, shrinking and traces need: a codec, a coverage key, and
 * sometimes properties to witness.
 */
export function twoPhaseTraceModel(options: TwoPhaseOptions):
  TraceModel<TwoPhaseState, TwoPhaseAction, string> & CoverageModel<TwoPhaseState, TwoPhaseAction> {
  return {
    ...twoPhaseCommit(options),
    sometimes: [reachedBy("committed"), reachedBy("aborted")],
    codec: {
      encode: encodeAction,
      decode: (s, record) => enabled(s).find((a) => encodeAction(a) === record) ?? null,
    },
    coverageKey: progressKey,
  };
}
