/**
 * The transition properties every driver holds each honest delivery step to, in the
 * order they are judged (the first that fails names the violation). Their state
 * counterparts are in index.ts; execution order (I3) is judged per decision
 * (integrity.ts) and reports per report (reported-evidence.ts).
 */
import type { RestartProperty, TransitionProperty } from "../transition-view.js";
import { detectionCompleteness } from "./detection-completeness.js";
import { durableReplies } from "./durable-replies.js";
import { keptCertificates } from "./kept-certificates.js";
import { leaderAuthorityOnInstall } from "./leader-authority.js";
import { batchesGathered } from "./batches-gathered.js";
import { relayedFlag } from "./relayed-flag.js";

export const deliveryProperties: readonly TransitionProperty[] = [
  detectionCompleteness, leaderAuthorityOnInstall, keptCertificates, relayedFlag, batchesGathered,
];

/** The properties every driver holds each honest crash-restart to (spec/transition-view.ts, `RestartView`). */
export const restartProperties: readonly RestartProperty[] = [durableReplies];
