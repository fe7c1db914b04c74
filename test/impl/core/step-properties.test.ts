/**
 * Properties of the core's contract (DESIGN.md §2, STYLE.md "Properties"):
 *
 * 1. `step` is deterministic: the same state and input give deep-equal results,
 *    on the very same (frozen) objects and on fresh copies of them.
 * 2. `step` never mutates its input: state and input are deep-frozen before every
 *    call, and strict-mode ESM throws on any write to a frozen object.
 * 3. Across random delivery orders of an all-honest run, every participant that
 *    decides a seq decides the same txn and outcome, replicas executed through the
 *    same seq have equal digests, and (no message is lost) everyone decides all.
 *
 * Runs are arrays of choices (fast-check), replayed as checker actions on the checker's
 * world (through the scenario façade), so a failure shrinks to a short schedule. Property 1
 * runs the checked `step` on the input of every action before the world applies it.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { signAs } from "../../../checker/model/symbolic-crypto.js";
import { step } from "../../../impl/core/step.js";
import type { Env, Input, NodeState, StepResult, TimerName } from "../../../impl/core/types.js";
import type { Digest, Message, NodeId, Outcome, Txn } from "../../../spec/messages.js";
import { deepFreeze } from "../../support/deep-freeze.js";
import { specViolations } from "../../support/scenario-checks.js";
import { ScenarioFacade as World } from "../../support/scenario-facade.js";
import { forgeAs } from "../../../checker/model/symbolic-crypto.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";

/** The real `step`, checked for determinism and purity on every call. */
function checkedStep(state: NodeState, input: Input, env: Env): StepResult {
  const stateCopy = structuredClone(state);
  const inputCopy = structuredClone(input);
  deepFreeze(state);
  deepFreeze(input);
  const first = step(state, input, env);
  const second = step(state, input, env);
  assert.deepStrictEqual(second, first, "same state and input gave different results");
  const fresh = step(structuredClone(stateCopy), structuredClone(inputCopy), env);
  assert.deepStrictEqual(fresh, first, "an equal copy of the state and input gave a different result");
  assert.deepStrictEqual(state, stateCopy, "step changed its input state");
  assert.deepStrictEqual(input, inputCopy, "step changed its input");
  return first;
}

const outcomeArb: fc.Arbitrary<Outcome> = fc.constantFrom("commit", "abort");

// Plain objects only: fc.record may build null-prototype objects, which structuredClone does not keep.
const txnArb = (id: string): fc.Arbitrary<Txn> => fc.tuple(
  fc.subarray(["x", "y"]),
  fc.array(fc.tuple(fc.constantFrom("x", "y"), fc.integer({ min: 0, max: 1 })), { maxLength: 2 }),
).map(([writeKeys, reads]) => ({
  id,
  writes: writeKeys.map((key) => ({ key, value: id })),
  reads: reads.map(([key, version]) => ({ key, version })),
}));

/** Four txns t0..t3; `submit` choices pick among them (resubmissions included). */
export const poolArb = fc.tuple(txnArb("t0"), txnArb("t1"), txnArb("t2"), txnArb("t3"));

type Choice =
  | { readonly kind: "submit"; readonly txn: number; readonly flag: Outcome }
  | { readonly kind: "deliver" | "drop" | "dup"; readonly index: number }
  | {
    readonly kind: "vote"; readonly from: number; readonly to: number; readonly vote: "Prepare" | "Commit";
    readonly view: number; readonly seq: number; readonly digest: number | string;
  }
  | {
    readonly kind: "pre-prepare"; readonly to: number; readonly seq: number; readonly txn: number;
    readonly flag: Outcome; readonly honestDigest: boolean;
  }
  | {
    readonly kind: "confirm"; readonly from: number; readonly seq: number; readonly txn: number;
    readonly outcome: Outcome;
  }
  | {
    readonly kind: "forge"; readonly claimed: number; readonly to: number; readonly seq: number;
    readonly digest: number;
  }
  | { readonly kind: "fire"; readonly node: number; readonly timer: TimerName }
  | { readonly kind: "stray-submit"; readonly to: number; readonly txn: number };

const nodeArb = fc.integer({ min: 0, max: 4 }); // n = 4: P0..P3 and C = 4
const participantArb = fc.integer({ min: 0, max: 3 });
const seqArb = fc.integer({ min: 0, max: 6 }); // around the window (1..4) on both sides

export const choiceArb: fc.Arbitrary<Choice> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("submit" as const), txn: fc.nat(3), flag: outcomeArb }) },
  { weight: 20, arbitrary: fc.record({ kind: fc.constant("deliver" as const), index: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom("drop" as const, "dup" as const), index: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({
    kind: fc.constant("vote" as const), from: nodeArb, to: nodeArb,
    vote: fc.constantFrom("Prepare" as const, "Commit" as const),
    view: fc.integer({ min: 0, max: 1 }), seq: seqArb, digest: fc.oneof(fc.nat(8), fc.string({ maxLength: 3 })),
  }) },
  { weight: 1, arbitrary: fc.record({
    kind: fc.constant("pre-prepare" as const), to: participantArb, seq: seqArb, txn: fc.nat(3), flag: outcomeArb,
    honestDigest: fc.boolean(),
  }) },
  { weight: 1, arbitrary: fc.record({
    kind: fc.constant("confirm" as const), from: nodeArb, seq: seqArb, txn: fc.nat(3), outcome: outcomeArb,
  }) },
  { weight: 1, arbitrary: fc.record({
    kind: fc.constant("forge" as const), claimed: nodeArb, to: nodeArb, seq: seqArb, digest: fc.nat(8),
  }) },
  { weight: 2, arbitrary: fc.record({
    kind: fc.constant("fire" as const), node: nodeArb,
    timer: fc.constantFrom("resend" as const, "view-change" as const),
  }) },
  { weight: 1, arbitrary: fc.record({
    kind: fc.constant("stray-submit" as const), to: participantArb, txn: fc.nat(3),
  }) },
);

/** A digest in play: the null proposal, or one of the pool's proposals with either flag. */
function digestOf(world: World, pool: readonly Txn[], choice: number | string): Digest {
  if (typeof choice === "string") return asDigest(choice);
  if (choice === 8) return asDigest(world.names.proposalDigestOf(pool[0] as Txn, "commit").slice(1)); // a near miss
  const txn = pool[choice % 4] as Txn;
  return choice === 0 ? world.env.digest(null) : world.names.proposalDigestOf(txn, choice < 4 ? "commit" : "abort");
}

/**
 * Applies one choice as a checker action; `checked`, when given, first runs on the input of the
 * step it takes. Any node may be Byzantine here: only the contract of `step` is on trial, so the
 * world sends a signed message "from" an honest node too (apply's `byzantine` action signs as anyone).
 */
export function apply(world: World, pool: readonly Txn[], c: Choice, checked?: typeof checkedStep): void {
  const txn = (i: number): Txn => pool[i % pool.length] as Txn;
  const check = (to: NodeId, input: Input): void => { checked?.(world.state(to), input, world.env); };
  // Forged: the client sends it naming `from`, with a signature that does not verify.
  const deliver = (from: NodeId, to: NodeId, message: Message, forged = false): void => {
    const link = forged ? world.client : from;
    const signed = forged ? forgeAs(from, link, message) : signAs(from, message);
    check(to, { kind: "Delivered", from: link, message: signed });
    world.byzantine(link, to, message, from);
  };
  const inFlight = world.inFlight();
  const indexed = c.kind === "deliver" || c.kind === "drop" || c.kind === "dup";
  const picked = inFlight[indexed ? c.index % inFlight.length : 0];
  switch (c.kind) {
    case "submit":
      check(world.coordinator, { kind: "Submit", request: signAs(world.client, txn(c.txn)), flag: c.flag });
      world.submit(txn(c.txn), c.flag);
      return;
    case "deliver":
      if (picked === undefined) return;
      check(picked.to, { kind: "Delivered", from: picked.from, message: picked.message });
      world.deliver(picked);
      return;
    case "drop": if (picked !== undefined) world.drop(picked); return;
    case "dup": if (picked !== undefined) world.duplicate(picked); return;
    case "vote": {
      const vote = { kind: c.vote, view: asView(c.view), seq: asSeq(c.seq), digest: digestOf(world, pool, c.digest) };
      deliver(asNodeId(c.from), asNodeId(c.to), vote);
      return;
    }
    case "pre-prepare": {
      const proposal = { request: signAs(world.client, txn(c.txn)), flag: c.flag };
      const digest = c.honestDigest
        ? world.names.proposalDigestOf(txn(c.txn), c.flag)
        : digestOf(world, pool, c.txn + 1);
      const pp = {
        kind: "PrePrepare" as const, view: asView(0), seq: asSeq(c.seq), digest: asDigest(digest), proposal,
      };
      deliver(world.coordinator, asNodeId(c.to), pp);
      return;
    }
    case "confirm": {
      const confirm = {
        kind: "Confirm" as const, seq: asSeq(c.seq), txn: txn(c.txn).id, outcome: c.outcome,
        replicaDigest: asDigest("r"),
      };
      deliver(asNodeId(c.from), world.coordinator, confirm);
      return;
    }
    case "forge": {
      const vote = {
        kind: "Prepare" as const, view: asView(0), seq: asSeq(c.seq), digest: digestOf(world, pool, c.digest),
      };
      deliver(asNodeId(c.claimed), asNodeId(c.to), vote, true);
      return;
    }
    case "fire":
      check(asNodeId(c.node), { kind: "TimerFired", timer: c.timer });
      world.fire(asNodeId(c.node), c.timer);
      return;
    // No checker action submits to a participant (the client submits to the coordinator): the step alone is checked.
    case "stray-submit":
      check(asNodeId(c.to), { kind: "Submit", request: signAs(world.client, txn(c.txn)), flag: "commit" });
      return;
  }
}

describe("step properties", () => {
  it("is deterministic and never mutates its input, over random runs with Byzantine messages", () => {
    fc.assert(fc.property(poolArb, fc.array(choiceArb, { maxLength: 150, size: "max" }), (pool, choices) => {
      const world = new World({ n: 4, f: 1 });
      for (const c of choices) apply(world, pool, c, checkedStep);
    }), { numRuns: 100 });
  });

  it("throws when a step writes to its frozen input (the freeze is effective)", () => {
    const world = new World({ n: 4, f: 1 });
    const state = deepFreeze(world.state(asNodeId(0)));
    assert.throws(() => { (state as { view: number }).view = 1; }, TypeError);
  });

  const honestRunArb = fc.record({
    n: fc.constantFrom(4, 5, 7),
    txns: fc.integer({ min: 1, max: 4 }).chain((count) =>
      fc.tuple(...Array.from({ length: count }, (_, i) => fc.tuple(txnArb(`t${i}`), outcomeArb)))),
    schedule: fc.array(
      fc.oneof({ weight: 9, arbitrary: fc.nat() }, { weight: 1, arbitrary: fc.constant(-1) }),
      { maxLength: 400, size: "max" },
    ),
  });

  it("all honest, random delivery orders: participants agree per seq, replicas match per seq, everyone decides", () => {
    fc.assert(fc.property(honestRunArb, ({ n, txns, schedule }) => {
      const world = new World({ n, f: Math.floor((n - 1) / 3) });
      for (const [txn, flag] of txns) world.submit(txn, flag);
      // Follow the schedule (a delivery index, or -1: fire the first armed resend timer), then drain oldest-first.
      // The invariants of spec/ (the checker's own), judged after every step of the run.
      const violations = new Set<string>();
      const judge = (): void => { for (const v of specViolations(world)) violations.add(v); };
      for (const choice of schedule) {
        if (choice === -1) fireFirstArmed(world);
        else {
          const inFlight = world.inFlight();
          const e = inFlight[choice % Math.max(1, inFlight.length)];
          if (e !== undefined) world.deliver(e);
        }
        judge();
      }
      for (let bound = 0, e = world.inFlight()[0]; e !== undefined; bound++, e = world.inFlight()[0]) {
        assert.ok(bound < 100_000, "the run does not quiesce");
        world.deliver(e);
        judge();
      }
      assert.deepEqual([...violations], []);
      const expected = world.decisions.get(asNodeId(0)) ?? [];
      assert.equal(expected.length, txns.length, "P0 did not decide every seq");
      for (const id of world.participants()) {
        assert.deepEqual(world.decisions.get(id), expected, `P${id} decided differently from P0`);
        const s = world.state(id);
        const p0 = world.state(asNodeId(0));
        assert.ok(s.role === "participant" && p0.role === "participant");
        assert.equal(world.env.digest(s.replica), world.env.digest(p0.replica), `P${id}'s replica differs from P0's`);
      }
      const c = world.state(world.coordinator);
      assert.ok(c.role === "coordinator");
      assert.equal(c.replies.length, txns.length, "C did not reply to every txn");
    }), { numRuns: 300 });
  });
});

/**
 * Fires the first armed resend timer. View-change timers stay unfired here: a
 * premature timeout is a fault (PBFT liveness assumes timeouts outgrow delays), and
 * a participant that asks alone for a view change takes no further part in view 0
 * until others join it, so "everyone decides every seq" is not a property of such runs.
 */
function fireFirstArmed(world: World): void {
  for (const id of [...world.participants(), world.coordinator]) {
    const timer = world.timersOf(id).find((t) => t === "resend");
    if (timer !== undefined) {
      world.fire(id, timer);
      return;
    }
  }
}
