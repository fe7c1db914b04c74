/**
 * The names a scenario script speaks of: txn bodies by id, and digests by the
 * proposal they cover (`t1:commit`, `t1:abort`, `null`), learned from every message
 * that passes. Naming only: nothing here is protocol state or judged.
 */
import type { Digest, Message, NodeId, Outcome, Txn } from "../../spec/messages.js";
import { proposalDigest } from "../../impl/core/digests.js";
import type { Env } from "../../impl/core/types.js";
import { signAs } from "../../checker/model/symbolic-crypto.js";
import { asNodeId } from "../../spec/ids.js";

export class ScenarioNames {
  /** Txn bodies by id (the last one defined wins). */
  readonly txns = new Map<string, Txn>();
  readonly digestNames = new Map<Digest, string>();
  private client = -1;

  constructor(private readonly env: () => Env) {}

  /** Names the null proposal's digest; `client` signs the requests whose proposals `t1:commit` names. */
  start(client: NodeId): void {
    this.client = client;
    this.digestNames.set(proposalDigest(null, this.env()), "null");
  }

  /** Records a txn body so `t1:commit` names the digest of its proposal with either flag. */
  defineTxn(txn: Txn): void {
    this.txns.set(txn.id, txn);
    for (const flag of ["commit", "abort"] as const) this.nameProposal(txn, flag);
  }

  proposalDigestOf(txn: Txn, flag: Outcome): Digest {
    return proposalDigest({ request: signAs(asNodeId(this.client), txn), flag }, this.env());
  }

  /** Names the digests of proposals that appear in `message`, so renders stay readable. */
  learn(message: Message): void {
    if (message.kind === "NewView") for (const pp of message.prePrepares) this.learn(pp);
    const proposal = message.kind === "PrePrepare" ? message.proposal : message.kind === "Request" ? message : null;
    if (proposal !== null) {
      this.learnTxn(proposal.request.body);
      this.nameProposal(proposal.request.body, proposal.flag);
    }
    // A proposal that carries the coordinator's authority (flag-authority.ts) has a digest of its own.
    if (message.kind === "PrePrepare" && message.proposal?.authority !== undefined) {
      const p = message.proposal;
      this.nameDigest(proposalDigest(p, this.env()), p.request.body.id, p.flag, "+auth");
    }
  }

  private learnTxn(txn: Txn): void {
    if (!this.txns.has(txn.id)) this.defineTxn(txn);
    else for (const flag of ["commit", "abort"] as const) this.nameProposal(txn, flag);
  }

  private nameProposal(txn: Txn, flag: Outcome): void {
    this.nameDigest(this.proposalDigestOf(txn, flag), txn.id, flag);
  }

  /** `suffix` tells apart proposals of one txn that differ beyond their flag (`+auth`: it carries its authority). */
  private nameDigest(digest: Digest, id: string, flag: string, suffix = ""): void {
    if (this.digestNames.has(digest)) return;
    const taken = new Set(this.digestNames.values());
    let name = `${id}:${flag}${suffix}`;
    for (let i = 2; taken.has(name); i++) name = `${id}#${i}:${flag}${suffix}`;
    this.digestNames.set(digest, name);
  }
}
