/**
 * Random recovery runs over the scenario World, for test/impl/core/recovery-properties.test.ts:
 * random deliveries, losses, timeouts of both timers (so view changes, escalations and
 * learning), crash-restarts, checkpoints and state transfer, with an honest or an
 * equivocating coordinator. A run is an array of choices (fast-check), so it shrinks.
 */
import fc from "fast-check";
import { signAs } from "../../checker/model/symbolic-crypto.js";
import { restart } from "../../impl/core/step.js";
import type { TimerName } from "../../impl/core/types.js";
import type { Outcome, Txn } from "../../spec/messages.js";
import { safetyViolations } from "./scenario-checks.js";
import { World } from "./scenario-world.js";
import { asNodeId, asSeq, asView } from "../../spec/ids.js";

export type RecoveryChoice =
  | { readonly kind: "deliver" | "drop"; readonly index: number }
  | { readonly kind: "fire"; readonly node: number; readonly timer: TimerName }
  | { readonly kind: "restart"; readonly node: number }
  | { readonly kind: "equivocate"; readonly to: number; readonly txn: number; readonly flag: Outcome };

export const recoveryChoiceArb: fc.Arbitrary<RecoveryChoice> = fc.oneof(
  { weight: 30, arbitrary: fc.record({ kind: fc.constant("deliver" as const), index: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("drop" as const), index: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("fire" as const), node: fc.nat(4), timer: fc.constantFrom("resend" as const, "view-change" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("restart" as const), node: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("equivocate" as const), to: fc.nat(3), txn: fc.nat(3), flag: fc.constantFrom("commit" as const, "abort" as const) }) },
);

const txns: readonly Txn[] = [0, 1, 2, 3].map((i) => ({ id: `t${i}`, writes: [{ key: `k${i % 2}`, value: `v${i}` }], reads: [{ key: `k${i % 2}`, version: 0 }] }));

function restartNode(world: World, id: number): void {
  world.timerSet(asNodeId(id)).clear();
  const result = restart(world.state(asNodeId(id)), world.env);
  world.states[id] = result.state;
  for (const o of result.out) if (o.kind === "ArmTimer") world.timerSet(asNodeId(id)).add(o.timer);
}

function applyChoice(world: World, c: RecoveryChoice, byzantineCoordinator: boolean): void {
  switch (c.kind) {
    case "deliver": if (world.inFlight.length > 0) world.deliverAt(c.index % world.inFlight.length); return;
    case "drop": if (world.inFlight.length > 0) world.inFlight.splice(c.index % world.inFlight.length, 1); return;
    case "fire": if (world.timerSet(asNodeId(c.node)).has(c.timer)) world.fire(asNodeId(c.node), c.timer); return;
    case "restart": if (!world.silent.has(asNodeId(c.node))) restartNode(world, c.node); return;
    case "equivocate": {
      if (!byzantineCoordinator) return;
      const proposal = { request: signAs(world.client, txns[c.txn] as Txn), flag: c.flag };
      const pp = { kind: "PrePrepare" as const, view: asView(0), seq: asSeq(c.txn + 1), digest:
          world.proposalDigestOf(proposal.request.body, c.flag), proposal };
      world.apply(asNodeId(c.to), { kind: "Delivered", from: world.coordinator, message: signAs(world.coordinator, pp)
            });
      return;
    }
  }
}

/** Runs `choices`; returns the world and the first safety violation with the step it followed, if any. */
export function runRecovery(byzantineCoordinator: boolean, txnCount: number, choices: readonly RecoveryChoice[]):
  { readonly world: World; readonly violation: string | null } {
  const world = new World({ n: 4, f: 1 });
  if (byzantineCoordinator) {
    world.byzantine.add(world.coordinator);
    world.silent.add(world.coordinator);
    for (const t of txns.slice(0, txnCount)) world.defineTxn(t);
  } else {
    for (const t of txns.slice(0, txnCount)) world.submit(t, "commit");
  }
  for (let step = 0; step < choices.length; step++) {
    const c = choices[step] as RecoveryChoice;
    applyChoice(world, c, byzantineCoordinator);
    const found = safetyViolations(world);
    if (found.length > 0) return { world, violation: `after step ${step} (${JSON.stringify(c)}): ${found.join("; ")}` };
  }
  return { world, violation: null };
}
