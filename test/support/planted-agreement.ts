/**
 * A real safety counterexample for tests, which the view-0 core with a sound
 * config never produces: quorums of 2 = 2f for n = 4 (built by hand, since
 * makeCheckConfig rightly refuses it), so a Byzantine coordinator pre-preparing
 * both flags, with the Byzantine P3 voting for each, gets both decided (I1).
 * The six steps are the BFS's shortest path; `padded` adds moves the violation
 * does not need, for the shrinker to remove.
 */
import type { Message, Outcome } from "../../spec/messages.js";
import type { ActionRecord } from "../../spec/trace.js";
import { proposalDigest } from "../../impl/core/digests.js";
import { makeCheckConfig } from "../../checker/model/check-config.js";
import { makeContext, type CheckContext } from "../../checker/model/context.js";
import { asDigest, asNodeId, asSeq, asView } from "../../spec/ids.js";

export function plantedContext(): CheckContext {
  const budgets = { loss: 1, dup: 1, timeouts: 1 };
  const made = makeCheckConfig({ coordinator: "byzantine", strategy: "all", budgets });
  if (!made.ok) throw new Error(made.error);
  return makeContext({ ...made.config, protocol: { ...made.config.protocol, quorum: 2 } });
}

function byzantine(from: number, to: number, body: Message): ActionRecord {
  return { kind: "byzantine", from: asNodeId(from), to: asNodeId(to), body };
}

function plantedMessages(ctx: CheckContext) {
  const request = ctx.requests[0];
  if (request === undefined) throw new Error("no request");
  const prePrepare = (flag: Outcome): Message => {
    const proposal = { request, flag };
    return { kind: "PrePrepare", view: asView(0), seq: asSeq(1), digest: proposalDigest(proposal, ctx.env), proposal };
  };
  const commitPp = prePrepare("commit");
  const abortPp = prePrepare("abort");
  const vote = (kind: "Prepare" | "Commit", pp: Message): Message =>
    ({ kind, view: asView(0), seq: asSeq(1), digest: asDigest("digest" in pp ? pp.digest : "") });
  return { commitPp, abortPp, vote };
}

/** The shortest counterexample: P3 votes both ways, C pre-prepares commit to P0 and abort to P1. */
export function plantedRecords(ctx: CheckContext): ActionRecord[] {
  const { commitPp, abortPp, vote } = plantedMessages(ctx);
  const c = ctx.coordinator;
  return [
    byzantine(3, 0, vote("Prepare", commitPp)), byzantine(3, 1, vote("Prepare", abortPp)),
    byzantine(c, 0, commitPp), byzantine(3, 0, vote("Commit", commitPp)),
    byzantine(3, 1, vote("Commit", abortPp)), byzantine(c, 1, abortPp),
  ];
}

/** The same counterexample with needless moves around it: P2 hears both sides (a vote to P0 or P1 could convict P3). */
export function paddedRecords(ctx: CheckContext): ActionRecord[] {
  const { commitPp, abortPp, vote } = plantedMessages(ctx);
  type Six = [ActionRecord, ActionRecord, ActionRecord, ActionRecord, ActionRecord, ActionRecord];
  const [a, b, c, d, e, f] = plantedRecords(ctx) as Six;
  return [
    byzantine(3, 2, vote("Prepare", abortPp)), a, byzantine(ctx.coordinator, 2, abortPp), b,
    byzantine(3, 2, vote("Commit", abortPp)), c, byzantine(3, 2, vote("Commit", commitPp)), d, e,
    byzantine(3, 2, vote("Prepare", commitPp)), f,
  ];
}
