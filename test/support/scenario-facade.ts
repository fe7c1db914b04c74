/**
 * The scenario scripts' window on the checker's world (checker/model): one simulated
 * world, not two. Every script command becomes one or more checker `Action`s applied
 * with the checker's `apply`; this class keeps only what a script needs on top and the
 * world does not hold, none of it protocol state:
 *
 * - the order envelopes entered the network (the world keeps a fingerprint-ordered
 *   multiset; a script's "first matching message" is the oldest), from the stepped
 *   node's outputs, as the transition that built the successor saw them (emitted.ts);
 * - the names of txns and digests a script speaks of (scenario-names.ts);
 * - what the checks need beyond the states (scenario-checks.ts): the client's valid
 *   submissions, everything each node signed, the transition violations apply found.
 *
 * Who is faulty is the checker context's (`CheckConfig.byzantine`, `coordinator`):
 * faulty nodes are never stepped and what honest nodes send them never travels (it
 * becomes the adversary's knowledge). A node that signs with `byz`/`forge` without
 * being declared turns faulty from then on, with a fresh context.
 */
import type { Message, NodeId, Outcome, Signed, SignedMessage, Txn } from "../../spec/messages.js";
import type { ProtocolConfig } from "../../spec/config.js";
import { clientId } from "../../spec/config.js";
import type { NodeState, Output, TimerName } from "../../impl/core/types.js";
import type { Action } from "../../checker/model/actions.js";
import { apply } from "../../checker/model/apply.js";
import { Emission } from "../../checker/model/emitted.js";
import { makeCheckConfig, type CheckConfig } from "../../checker/model/check-config.js";
import { makeContext, type CheckContext } from "../../checker/model/context.js";
import { emptyWorld } from "../../checker/model/initial-world.js";
import { makeEnvelope } from "../../checker/model/routed-step.js";
import { signAs } from "../../checker/model/symbolic-crypto.js";
import { sameEnvelope, timerBits, type Envelope, type World } from "../../checker/model/world.js";
import { ScenarioNames } from "./scenario-names.js";
import { asNodeId } from "../../spec/ids.js";

export interface FacadeOptions {
  readonly n: number;
  readonly f: number;
  readonly overrides?: Partial<ProtocolConfig>;
  /** Faulty nodes from the start (participants, and the coordinator): never stepped. */
  readonly byzantine?: readonly NodeId[];
}

/** What one action did: the node it stepped (or null) and that node's outputs. */
export interface Stepped {
  readonly node: NodeId | null;
  readonly out: readonly Output[];
}

/**
 * Budgets only bound the checker's enumeration, which the façade consults for one thing: whether
 * the adversary could make a script's Byzantine move. The timeout budget sets how far the alphabet's
 * views reach (adversary-domains.ts); crashes above zero keep each node's persisted state.
 */
const budgets = { loss: 1_000, dup: 1_000, partitions: 1_000, crashes: 1_000, timeouts: 3 };

export class ScenarioFacade {
  ctx: CheckContext;
  world: World;
  readonly names: ScenarioNames;
  /** The envelopes in flight, oldest first (copies of one envelope included): the world's multiset, ordered. */
  private order: Envelope[] = [];
  /** The node cut off from the rest (`isolate`): what it sends or is sent is lost until `heal`. */
  private isolated: NodeId | null = null;
  /** Txn ids the client submitted with a valid signature, with the flags the coordinator was given. */
  readonly submitted = new Map<string, Outcome[]>();
  /** Everything each node signed through its Send outputs, first copy of each distinct message. */
  readonly signed = new Map<NodeId, Message[]>();
  private readonly signedKeys = new Map<NodeId, Set<string>>();
  /** Every signed envelope any honest node sent, in order (what a Byzantine NEW-VIEW is built from). */
  readonly sent: SignedMessage[] = [];
  /** The transition properties apply() found broken (I3, I5, I6, I9, I10), in order. */
  readonly transitionViolations: string[] = [];
  /** Every action applied, in order: the run as a path in the checker's world (replayable with apply). */
  readonly taken: Action[] = [];
  /** Every Decide each node emitted, in order. */
  readonly decisions = new Map<NodeId, Decision[]>();
  private readonly faulty: Set<NodeId>;

  constructor(private readonly options: FacadeOptions) {
    this.faulty = new Set(options.byzantine ?? []);
    this.names = new ScenarioNames(() => this.ctx.env);
    this.ctx = this.makeCtx();
    this.world = emptyWorld(this.ctx);
    this.names.start(this.client);
  }

  get config(): ProtocolConfig { return this.ctx.config.protocol; }
  get env(): CheckContext["env"] { return this.ctx.env; }
  get n(): number { return this.ctx.config.n; }
  get coordinator(): NodeId { return this.ctx.coordinator; }
  get client(): NodeId { return clientId(this.ctx.config.protocol); }
  participants(): NodeId[] { return Array.from({ length: this.n }, (_, i) => asNodeId(i)); }
  isHonest(id: NodeId): boolean { return !this.faulty.has(id); }

  state(id: NodeId): NodeState {
    const s = this.world.nodes[id];
    if (s === undefined) throw new Error(`no node ${id}`);
    return s;
  }

  timersOf(id: NodeId): TimerName[] {
    const bits = this.world.timers[id] ?? 0;
    return (Object.keys(timerBits) as TimerName[]).filter((t) => (bits & timerBits[t]) !== 0).sort();
  }

  /** The envelopes in flight, oldest first. */
  inFlight(): Envelope[] {
    return this.order.slice();
  }

  /** The checker's config, rebuilt from the txns the script named and the nodes it made faulty. */
  private makeCtx(): CheckContext {
    const byzantine = [...this.faulty].filter((id) => id < this.options.n).sort((a, b) => a - b);
    const made = makeCheckConfig({
      n: this.options.n, f: this.options.f, byzantine, budgets, strategy: "all",
      coordinator: this.faulty.has(asNodeId(this.options.n)) ? "byzantine" : "honest",
      protocol: this.options.overrides ?? {},
    });
    if (!made.ok) throw new Error(`bad config: ${made.error}`);
    const txns = [...this.names.txns.values()];
    const config: CheckConfig = { ...made.config, txns: txns.map((txn) => ({ txn, flag: "commit" as const })) };
    return makeContext(config);
  }

  /** Refreshes the context when the script has named a new txn (the alphabet's domains range over them). */
  private syncContext(): void {
    if (this.ctx.config.txns.length !== this.names.txns.size) this.ctx = this.makeCtx();
  }

  /** The checker's context for the txns named so far. */
  checkContext(): CheckContext {
    this.syncContext();
    return this.ctx;
  }

  defineTxn(txn: Txn): void {
    this.names.defineTxn(txn);
  }

  /** Applies `action` with the checker's apply; the outputs it saw name digests and order the new sends. */
  take(action: Action): Stepped {
    this.syncContext();
    const before = this.world;
    const emission = new Emission();
    const applied = apply(before, action, this.ctx, emission);
    const emitted = emission.emitted;
    this.taken.push(action);
    if (applied.violation !== null) {
      this.transitionViolations.push(`${applied.violation.invariant}: ${applied.violation.message}`);
    }
    this.world = applied.world;
    const out = emitted?.out ?? [];
    if (emitted !== null) this.absorb(emitted.node, out);
    this.syncOrder(action, emitted === null ? [] : this.sendsOf(emitted.node, out));
    this.loseIsolated();
    return { node: emitted?.node ?? null, out };
  }

  private absorb(id: NodeId, out: readonly Output[]): void {
    for (const o of out) {
      if (o.kind === "Decide") this.decisions.set(id, [...(this.decisions.get(id) ?? []), decision(o)]);
      if (o.kind !== "Send") continue;
      this.names.learn(o.message);
      const seen = this.signedKeys.get(id) ?? new Set<string>();
      const key = JSON.stringify(o.message);
      if (!seen.has(key)) this.signed.set(id, [...(this.signed.get(id) ?? []), o.message]);
      seen.add(key);
      this.signedKeys.set(id, seen);
      this.sent.push(signAs(id, o.message));
    }
  }

  /** The envelopes a step's sends put in flight, in output order (to faulty nodes nothing travels: routed-step.ts). */
  private sendsOf(id: NodeId, out: readonly Output[]): Envelope[] {
    const sends: Envelope[] = [];
    for (const o of out) {
      if (o.kind === "Send" && this.isHonest(o.to)) {
        sends.push(makeEnvelope(this.ctx, id, o.to, this.ctx.messages.signed(id, o.message)));
      }
    }
    return sends;
  }

  /** A delivered or dropped envelope leaves (its oldest copy), a copy joins at the back, then what the step sent. */
  private syncOrder(action: Action, sends: readonly Envelope[]): void {
    if (action.kind === "deliver" || action.kind === "drop") {
      this.order.splice(this.order.findIndex((e) => sameEnvelope(e, action.envelope)), 1);
    }
    if (action.kind === "duplicate") this.order.push(action.envelope);
    this.order.push(...sends);
    // Paired with apply(): the façade's order and the world's multiset must hold the same envelopes.
    if (this.order.length !== this.world.inFlight.length) {
      const held = this.world.inFlight.length;
      throw new Error(`the façade tracks ${this.order.length} envelopes in flight, the world holds ${held}`);
    }
  }

  /** What travels from or to the isolated node is lost: each such envelope is a checker drop. */
  private loseIsolated(): Envelope[] {
    const id = this.isolated;
    if (id === null) return [];
    const lost = this.inFlight().filter((e) => e.from === id || e.to === id);
    for (const e of lost) {
      const drop: Action = { kind: "drop", envelope: e };
      this.world = apply(this.world, drop, this.ctx).world;
      this.taken.push(drop);
      this.syncOrder(drop, []);
    }
    return lost;
  }

  /**
   * The client (or, with `request`, whoever signed it) submits `txn` to the coordinator; with `hold`, more follow
   * at once (the coordinator then proposes full batches only, spec/batch.ts).
   */
  submit(txn: Txn, flag: Outcome, request: Signed<Txn> = signAs(this.client, txn), hold = false): Stepped {
    this.names.defineTxn(txn);
    if (request.signer === this.client && this.env.verify(request)) {
      this.submitted.set(txn.id, [...(this.submitted.get(txn.id) ?? []), flag]);
    }
    // A faulty coordinator is never stepped: the script speaks for it.
    if (!this.isHonest(this.coordinator)) return { node: null, out: [] };
    return this.take({ kind: "client", request, flag, ...(hold ? { hold: true as const } : {}) });
  }

  /** Delivers one envelope in flight to its receiver. */
  deliver(envelope: Envelope): Stepped {
    this.names.learn(envelope.message.body);
    return this.take({ kind: "deliver", envelope });
  }

  /** Delivers every message in flight, oldest first, until none is left (no faults); throws if it never ends. */
  settle(maxSteps = 10_000): void {
    for (let steps = 0; steps < maxSteps; steps++) {
      const next = this.order[0];
      if (next === undefined) return;
      this.deliver(next);
    }
    throw new Error(`the run did not settle in ${maxSteps} deliveries`);
  }

  drop(envelope: Envelope): void { this.take({ kind: "drop", envelope }); }
  duplicate(envelope: Envelope): void { this.take({ kind: "duplicate", envelope }); }
  fire(node: NodeId, timer: TimerName): Stepped { return this.take({ kind: "fire", node, timer }); }
  /** A crash-restart: the node comes back from what it last persisted, its timers lost. */
  crash(node: NodeId): Stepped { return this.take({ kind: "crash", node }); }

  /** Cuts `node` off: what is in flight from or to it now is lost, as is all it sends or is sent until `heal`. */
  isolate(node: NodeId): Envelope[] {
    if (this.isolated !== null) throw new Error(`the checker's world cuts off one node at a time; heal first`);
    this.take({ kind: "isolate", node });
    this.isolated = node;
    return this.loseIsolated();
  }

  heal(): void {
    if (this.isolated === null) return;
    this.isolated = null;
    this.take({ kind: "heal" });
  }

  /** Node `id` becomes faulty: it is not stepped again, and what is on its way to it is lost. */
  makeFaulty(id: NodeId): void {
    if (this.faulty.has(id) || id === this.client) return;
    this.faulty.add(id);
    this.ctx = this.makeCtx();
    const lost = this.inFlight().filter((e) => e.to === id);
    for (const e of lost) this.drop(e);
  }

  /** A Byzantine node's move: `from` signs `message` (forged: naming `signer`) and delivers it to `to`. */
  byzantine(from: NodeId, to: NodeId, message: Message, signer: NodeId = from): Stepped {
    this.names.learn(message);
    if (!this.isHonest(to)) return { node: null, out: [] };
    return this.take(byzantineMove(from, to, message, signer));
  }
}

export interface Decision { readonly seq: number; readonly txn: string | null; readonly outcome: Outcome | null }

const decision = (o: Extract<Output, { kind: "Decide" }>): Decision => ({ seq: o.seq, txn: o.txn, outcome: o.outcome });

/** The checker's action for a Byzantine move: a send signed as `from`, or a forgery naming `signer`. */
export function byzantineMove(
  from: NodeId, to: NodeId, message: Message, signer: NodeId = from,
): Extract<Action, { kind: "byzantine" | "forge" }> {
  return signer === from ? { kind: "byzantine", from, to, message } : { kind: "forge", from, to, signer, message };
}
