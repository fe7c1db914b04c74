import { sometimes } from "../global-view.js";

/** Reachability witnesses: a model that can never do these passes vacuously, so the checker fails it. */
export const decides = sometimes("S1", "an honest participant decides", (g) => g.participants.some((p) => p.outcomes.length > 0));
export const decidesCommit = sometimes("S2", "an honest participant decides commit",
  (g) => g.participants.some((p) => p.outcomes.some((o) => o.outcome === "commit")));
export const decidesAbort = sometimes("S3", "an honest participant decides abort",
  (g) => g.participants.some((p) => p.outcomes.some((o) => o.outcome === "abort")));
export const clientReply = sometimes("S4", "the coordinator replies to the client", (g) => g.replies.length > 0);
export const viewChangeCompleted = sometimes("S5", "a view change completes", (g) => g.viewChanged);
