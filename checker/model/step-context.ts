/**
 * What one delivery needs from the run (routing its outputs, judging its
 * transition, memoizing it): the part of the check context that holds no
 * per-run memo of steps. The step memo, the routing and the transition checks
 * take this, not the whole CheckContext (context.ts), which owns the memo: so
 * the context imports them and none of them imports the context back.
 */
import type { Judge } from "../../spec/held-state.js";
import type { NodeSet } from "../../impl/core/quorum.js";
import type { Env } from "../../impl/core/types.js";
import type { StructuralHasher } from "../engine/structural-hash.js";
import type { CheckConfig } from "./check-config.js";
import type { MessageIntern } from "./message-intern.js";

export interface StepContext {
  readonly config: CheckConfig;
  readonly env: Env;
  readonly hasher: StructuralHasher;
  /** Participants and a coordinator that are Byzantine. */
  readonly faulty: NodeSet;
  readonly messages: MessageIntern;
  /** Whether the world keeps what the faulty nodes see: for replays and composites. */
  readonly replays: boolean;
  /** Whether crashes can happen, so the world must keep each node's last persisted state. */
  readonly tracksPersistence: boolean;
  /** What the justification invariants (I10) re-check retained messages with (justify-judge.ts). */
  readonly judge: Judge;
}
