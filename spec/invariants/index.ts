/** The invariant table of DESIGN.md §5, in order, with their reachability witnesses. */
import type { Invariant } from "../global-view.js";
import { agreement } from "./agreement.js";
import { clientTruth } from "./client-truth.js";
import { consistency } from "./consistency.js";
import { detectionAccuracy } from "./detection.js";
import { boundedConfirmations } from "./bounded-confirmations.js";
import { boundedLog } from "./bounded-log.js";
import { integrity } from "./integrity.js";
import {
  clientReply, decides, decidesAbort, decidesCommit, faultyProven, flaggedAbortDecidedAbort, flaggedCommitDecidedCommit,
  orphanBatchInstalled, preconditionFails, viewChangeCompleted,
} from "./sometimes.js";
import { validity } from "./validity.js";
import { sequential } from "./sequential.js";
import { leaderAuthority } from "./leader-authority.js";
import { justifiedCheckpoint } from "./justified-checkpoint.js";
import { justifiedPrepared } from "./justified-prepared.js";
import { justifiedProposals } from "./justified-proposals.js";
import { justifiedView } from "./justified-view.js";

export const safetyInvariants: readonly Invariant[] = [
  agreement, validity, integrity, boundedLog, boundedConfirmations,
  consistency, detectionAccuracy, clientTruth, sequential,
  leaderAuthority, justifiedPrepared, justifiedCheckpoint, justifiedView, justifiedProposals,
];
export const sometimesProperties: readonly Invariant[] = [
  decides, decidesCommit, decidesAbort, clientReply, viewChangeCompleted,
  flaggedAbortDecidedAbort, flaggedCommitDecidedCommit,
  preconditionFails, faultyProven, orphanBatchInstalled,
];
/** The witness whose absence makes a run vacuous (exit 1). */
export const requiredWitness = decides;
