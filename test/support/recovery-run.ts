/**
 * Random recovery runs over the checker's world (through the scenario façade), for
 * test/impl/core/recovery-properties.test.ts: random deliveries, losses, timeouts of both
 * timers (so view changes, escalations and learning), crash-restarts, checkpoints and state
 * transfer, with an honest or an equivocating coordinator. A run is an array of choices
 * (fast-check), so it shrinks.
 */
import fc from "fast-check";
import { signAs } from "../../checker/model/symbolic-crypto.js";
import type { TimerName } from "../../impl/core/types.js";
import type { Outcome, Txn } from "../../spec/messages.js";
import { safetyViolations } from "./scenario-checks.js";
import { ScenarioFacade } from "./scenario-facade.js";
import { asNodeId, asSeq, asView } from "../../spec/ids.js";

export type RecoveryChoice =
  | { readonly kind: "deliver" | "drop"; readonly index: number }
  | { readonly kind: "fire"; readonly node: number; readonly timer: TimerName }
  | { readonly kind: "restart"; readonly node: number }
  | { readonly kind: "equivocate"; readonly to: number; readonly txn: number; readonly flag: Outcome };

const timerArb = fc.constantFrom("resend" as const, "view-change" as const);
const flagArb = fc.constantFrom("commit" as const, "abort" as const);

export const recoveryChoiceArb: fc.Arbitrary<RecoveryChoice> = fc.oneof(
  { weight: 30, arbitrary: fc.record({ kind: fc.constant("deliver" as const), index: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("drop" as const), index: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("fire" as const), node: fc.nat(4), timer: timerArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("restart" as const), node: fc.nat(4) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("equivocate" as const), to: fc.nat(3), txn: fc.nat(3), flag: flagArb }),
  },
);

const txns: readonly Txn[] = [0, 1, 2, 3].map((i) => ({
  id: `t${i}`, writes: [{ key: `k${i % 2}`, value: `v${i}` }], reads: [{ key: `k${i % 2}`, version: 0 }],
}));

function applyChoice(world: ScenarioFacade, c: RecoveryChoice, byzantineCoordinator: boolean): void {
  const inFlight = world.inFlight();
  const at = (index: number) => inFlight[index % inFlight.length];
  switch (c.kind) {
    case "deliver": { const e = at(c.index); if (e !== undefined) world.deliver(e); return; }
    case "drop": { const e = at(c.index); if (e !== undefined) world.drop(e); return; }
    case "fire": if (world.timersOf(asNodeId(c.node)).includes(c.timer)) world.fire(asNodeId(c.node), c.timer); return;
    case "restart": if (world.isHonest(asNodeId(c.node))) world.crash(asNodeId(c.node)); return;
    case "equivocate": {
      if (!byzantineCoordinator) return;
      const request = signAs(world.client, txns[c.txn] as Txn);
      const digest = world.names.proposalDigestOf(request.body, c.flag);
      const proposal = { request, flag: c.flag };
      const pp = { kind: "PrePrepare" as const, view: asView(0), seq: asSeq(c.txn + 1), digest, proposal };
      world.byzantine(world.coordinator, asNodeId(c.to), pp);
      return;
    }
  }
}

/** Runs `choices`; returns the world and the first safety violation with the step it followed, if any. */
export function runRecovery(byzantineCoordinator: boolean, txnCount: number, choices: readonly RecoveryChoice[]):
  { readonly world: ScenarioFacade; readonly violation: string | null } {
  const world = new ScenarioFacade({ n: 4, f: 1, byzantine: byzantineCoordinator ? [asNodeId(4)] : [] });
  if (byzantineCoordinator) for (const t of txns.slice(0, txnCount)) world.defineTxn(t);
  else for (const t of txns.slice(0, txnCount)) world.submit(t, "commit");
  for (let step = 0; step < choices.length; step++) {
    const c = choices[step] as RecoveryChoice;
    applyChoice(world, c, byzantineCoordinator);
    const found = safetyViolations(world);
    if (found.length > 0) return { world, violation: `after step ${step} (${JSON.stringify(c)}): ${found.join("; ")}` };
  }
  return { world, violation: null };
}
