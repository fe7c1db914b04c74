/**
 * The world behind the scenario scripts: every node's state (participants 0..n-1
 * and the coordinator n), the signed messages in flight, the timers each node has
 * armed, and what the nodes decided, replied and signed along the way (for the
 * checks in scenario-checks.ts, which judge it with spec/'s invariants). Deterministic: the order of in-flight
 * messages is the order they were sent, and nothing is chosen at random here.
 */
import { clientId, coordinatorId, makeProtocolConfig, type ProtocolConfig } from "../../spec/config.js";
import type { Digest, Message, NodeId, Outcome, Signed, SignedMessage, Txn } from "../../spec/messages.js";
import { digestSymbolic, signAs, verifySymbolic } from "../../checker/model/symbolic-crypto.js";
import { checkDelivery } from "../../checker/model/transition-checks.js";
import { checkJustifiedDelivery } from "../../checker/model/justify-checks.js";
import { makeJudge } from "../../checker/model/justify-judge.js";
import type { Judge } from "../../spec/held-state.js";
import { assertNever } from "../../impl/core/assert.js";
import { proposalDigest } from "../../impl/core/digests.js";
import { initialState, step } from "../../impl/core/step.js";
import { executionOrderProblem } from "../../spec/invariants/integrity.js";
import type { Env, Evidence, Input, NodeState, Output, StepResult, TimerName } from "../../impl/core/types.js";
import { asNodeId } from "../../spec/ids.js";
import type { Seq } from "../../spec/ids.js";

export interface InFlight { readonly from: NodeId; readonly to: NodeId; readonly message: SignedMessage }

export type Stepper = (state: NodeState, input: Input, env: Env) => StepResult;

export interface Decision { readonly seq: Seq; readonly txn: string | null; readonly outcome: Outcome | null }

export interface WorldOptions {
  readonly n: number;
  readonly f: number;
  readonly overrides?: Partial<ProtocolConfig>;
  /** The step function; property tests wrap the real `step` to check it on every call. */
  readonly stepper?: Stepper;
}

export class World {
  readonly config: ProtocolConfig;
  readonly env: Env;
  /** The crypto the justification invariants (I10) re-check retained messages with. */
  readonly judge: Judge;
  readonly stepper: Stepper;
  readonly states: NodeState[] = [];
  inFlight: InFlight[] = [];
  readonly timers: Set<TimerName>[] = [];
  /** Nodes the script made Byzantine (declared, or by signing with `byz` / `forge`). Checks skip them. */
  readonly byzantine = new Set<NodeId>();
  /**
   * Byzantine nodes the script speaks for entirely (declared with `config byzantine=`):
   * their honest state machine never runs, and messages delivered to them vanish.
   */
  readonly silent = new Set<NodeId>();
  /** Every Decide a node emitted, in order. */
  readonly decisions = new Map<NodeId, Decision[]>();
  /** The coordinator's Reply outputs, in order. */
  readonly replies: { readonly txn: string; readonly outcome: Outcome }[] = [];
  /** Everything each node signed through its Send outputs, first copy of each distinct message. */
  readonly signed = new Map<NodeId, Message[]>();
  /** Every report, by the node that made it: I5 and suspicion accuracy judge each (scenario-checks.ts). */
  readonly reports: { readonly by: NodeId; readonly evidence: Evidence }[] = [];
  /** I3's transition part as each Decide is emitted (spec/invariants/integrity.ts), by node, once each. */
  readonly orderProblems: { readonly id: NodeId; readonly message: string }[] = [];
  /** Every signed envelope any node sent, in order (what a Byzantine node may have seen and replay). */
  readonly sent: SignedMessage[] = [];
  /** Nodes cut off by `isolate`: every message from or to them is lost until `heal`. */
  readonly isolated = new Set<NodeId>();
  /** Txn ids the client submitted with a valid signature, with the flags the coordinator was given. */
  readonly submitted = new Map<string, Outcome[]>();
  /** Txn bodies by id (the last one defined wins) and names of known digests, for scripts and rendering. */
  readonly txns = new Map<string, Txn>();
  readonly digestNames = new Map<Digest, string>();
  /** Violations of the delivery properties (spec/invariants/transitions.ts), in the order they happened. */
  readonly transitionViolations: string[] = [];

  constructor(options: WorldOptions) {
    this.config = makeProtocolConfig(options.n, options.f, options.overrides ?? {});
    this.env = { config: this.config, verify: verifySymbolic, digest: digestSymbolic };
    this.judge = makeJudge(this.env);
    this.stepper = options.stepper ?? step;
    for (let id = 0; id <= this.config.participantCount; id++) {
      this.states.push(initialState(asNodeId(id), this.config));
      this.timers.push(new Set());
    }
    this.digestNames.set(proposalDigest(null, this.env), "null");
  }

  get n(): number { return this.config.participantCount; }
  get coordinator(): NodeId { return coordinatorId(this.config); }
  get client(): NodeId { return clientId(this.config); }
  participants(): NodeId[] { return Array.from({ length: this.n }, (_, i) => asNodeId(i)); }
  isHonest(id: NodeId): boolean { return !this.byzantine.has(id); }

  state(id: NodeId): NodeState {
    const s = this.states[id];
    if (s === undefined) throw new Error(`no node ${id}`);
    return s;
  }

  /** Records a txn body so `t1:commit` names the digest of its proposal with either flag. */
  defineTxn(txn: Txn): void {
    this.txns.set(txn.id, txn);
    for (const flag of ["commit", "abort"] as const) this.nameProposal(txn, flag);
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

  proposalDigestOf(txn: Txn, flag: Outcome): Digest {
    return proposalDigest({ request: signAs(this.client, txn), flag }, this.env);
  }

  /** Steps node `id` with `input`, routes its outputs into the world, and returns them. */
  apply(id: NodeId, input: Input): readonly Output[] {
    if (this.silent.has(id)) return [];
    if (input.kind === "Delivered") this.learn(input.message.body);
    if (input.kind === "Submit") this.learnTxn(input.request.body);
    const before = this.state(id);
    const result = this.stepper(before, input, this.env);
    this.states[id] = result.state;
    // I6 and I9's install half are properties of a delivery step, judged as the checker judges them.
    const judged = input.kind === "Delivered" && this.isHonest(id);
    const missed = judged ? checkDelivery(before, result.state, input.message, this.env) : null;
    if (missed !== null) this.transitionViolations.push(`${missed.invariant}: ${missed.message}`);
    const unjustified = judged ? checkJustifiedDelivery(before, result.state, input.message, this.judge) : null;
    if (unjustified !== null) this.transitionViolations.push(`${unjustified.invariant}: ${unjustified.message}`);
    this.judgeOrder(id, before, result.out);
    for (const o of result.out) this.absorb(id, o);
    return result.out;
  }

  private judgeOrder(id: NodeId, before: NodeState, out: readonly Output[]): void {
    let lastExecuted = before.role === "participant" ? before.lastExecuted : -1;
    for (const o of out) {
      if (o.kind !== "Decide") continue;
      const message = executionOrderProblem(id, lastExecuted, o.seq);
      const known = this.orderProblems.some((p) => p.message === message);
      if (message !== null && !known) this.orderProblems.push({ id, message });
      lastExecuted = o.seq;
    }
  }

  private absorb(id: NodeId, o: Output): void {
    switch (o.kind) {
      case "Send": {
        this.learn(o.message);
        this.recordSigned(id, o.message);
        const message = signAs(id, o.message);
        this.sent.push(message);
        if (!this.isolated.has(id) && !this.isolated.has(o.to)) this.inFlight.push({ from: id, to: o.to, message });
        return;
      }
      case "ArmTimer": this.timerSet(id).add(o.timer); return;
      case "CancelTimer": this.timerSet(id).delete(o.timer); return;
      case "Decide": this.decisionsOf(id).push({ seq: o.seq, txn: o.txn, outcome: o.outcome }); return;
      case "Reply": if (id === this.coordinator) this.replies.push({ txn: o.txn, outcome: o.outcome }); return;
      case "Report": this.reports.push({ by: id, evidence: o.evidence }); return;
      case "Persist": return;
      default: assertNever(o);
    }
  }

  /** Names the digests of proposals that appear in messages, so renders stay readable. */
  private learn(message: Message): void {
    if (message.kind === "NewView") for (const pp of message.prePrepares) this.learn(pp);
    const proposal = message.kind === "PrePrepare" ? message.proposal : message.kind === "Request" ? message : null;
    if (proposal !== null) {
      this.learnTxn(proposal.request.body);
      this.nameProposal(proposal.request.body, proposal.flag);
    }
    // A proposal that carries the coordinator's authority (flag-authority.ts) has a digest of its own.
    if (message.kind === "PrePrepare" && message.proposal?.authority !== undefined) {
      const p = message.proposal;
      this.nameDigest(proposalDigest(p, this.env), p.request.body.id, p.flag, "+auth");
    }
  }

  private learnTxn(txn: Txn): void {
    if (!this.txns.has(txn.id)) this.defineTxn(txn);
    else for (const flag of ["commit", "abort"] as const) this.nameProposal(txn, flag);
  }

  private recordSigned(id: NodeId, message: Message): void {
    const list = this.signed.get(id) ?? [];
    if (!list.some((m) => JSON.stringify(m) === JSON.stringify(message))) list.push(message);
    this.signed.set(id, list);
  }

  timerSet(id: NodeId): Set<TimerName> {
    const t = this.timers[id];
    if (t === undefined) throw new Error(`no node ${id}`);
    return t;
  }

  decisionsOf(id: NodeId): Decision[] {
    const list = this.decisions.get(id) ?? [];
    this.decisions.set(id, list);
    return list;
  }

  /** The client signs `txn` (or, with `signer`, someone else signs or forges it) and submits it to C. */
  submit(txn: Txn, flag: Outcome, request: Signed<Txn> = signAs(this.client, txn)): readonly Output[] {
    this.defineTxn(txn);
    if (request.signer === this.client && verifySymbolic(request)) {
      this.submitted.set(txn.id, [...(this.submitted.get(txn.id) ?? []), flag]);
    }
    return this.apply(this.coordinator, { kind: "Submit", request, flag });
  }

  /** Delivers the in-flight message at `index` (removing it) to its receiver. */
  deliverAt(index: number): { readonly message: InFlight; readonly out: readonly Output[] } {
    const [message] = this.inFlight.splice(index, 1);
    if (message === undefined) throw new Error(`no in-flight message ${index}`);
    const out = message.to <= this.n ? this.apply(message.to, { kind: "Delivered", from: message.from, message: message.message }) : [];
    return { message, out };
  }

  /** Fires an armed timer (it is disarmed first: the core re-arms it when still needed). */
  fire(id: NodeId, timer: TimerName): readonly Output[] {
    this.timerSet(id).delete(timer);
    return this.apply(id, { kind: "TimerFired", timer });
  }
}
