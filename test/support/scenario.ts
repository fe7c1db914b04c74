/**
 * A tiny deterministic driver for protocol scripts in test/data/*.txt (etcd raft's
 * testdata style, see datadriven.ts for the file format). It keeps no world of its
 * own: each command becomes one or more of the checker's actions on the checker's
 * world (scenario-facade.ts), and it returns what the stepped nodes emitted, one line each.
 *
 * Regenerate the expected outputs with `REWRITE=1 npm test` (or
 * `npx tsc -p tsconfig.json && REWRITE=1 npx mocha dist/test/impl/core/scenarios.test.js`),
 * then read the diff before keeping it. Invariant violations fail the test even then.
 *
 * Nodes are P0..P(n-1), C (the coordinator) and client. Commands:
 *
 *   config n=4 f=1 [byzantine=P3,C] [hide=persist,timers] [window=4] [resend=4] [checkpoint=2]
 *       a fresh world (optional first line; the default is n=4 f=1). Byzantine nodes are the
 *       checker's faulty nodes: their state machine never runs, nothing is sent to them (what
 *       honest nodes address to them is the adversary's knowledge), and the script speaks for
 *       them with `byz`. A node that signs with `byz`/`forge` without being declared turns
 *       faulty from then on (what was on its way to it is lost).
 *   define txn=t1 [writes=x:1,y:2] [reads=x@0]    name a txn body without submitting it
 *   submit txn=t1 [flag=commit|abort] [writes=x:1] [reads=x@0] [signer=P0] [sig=forged]
 *       the client signs the txn (or `signer` signs it, or the signature is forged) and submits it to C
 *   deliver [from=] [to=] [kind=] [seq=] [view=] [digest=] [txn=]    the first matching in-flight message
 *   deliver-all [filters] [max=10000]   the oldest matching in-flight message, until none is left
 *   drop [filters] [all]                drop the first (or every) matching in-flight message
 *   dup [filters]                       duplicate the first matching in-flight message
 *   net [filters]                       list the in-flight messages
 *   byz from=P3 to=P0|* Prepare [view=0] [seq=1] digest=t1:abort
 *       a Byzantine node signs a message as itself and delivers it directly (the checker's
 *       `byzantine` action; `forge` is its `forge` action). A move the checker's adversary
 *       could not make in that world is still applied, and noted in `gaps` (scenario-alphabet.ts)
 *       PrePrepare takes txn= flag= (or proposal=null) and an optional digest= that need not match;
 *       Confirm takes seq= txn= outcome= [replica=]; Checkpoint takes seq= state=;
 *       ViewChange takes view= [pending=t1,t2] (no checkpoint, no certificates);
 *       NewView takes view= [vcs=P1,P2,P3] [null=1,2] [omit=3]: built like an honest leader would from
 *       the signed VIEW-CHANGEs for that view seen so far (the first Q signers unless vcs= names them),
 *       then with the pre-prepares at the null= seqs made null and those at the omit= seqs left out;
 *       StateRequest takes seq=
 *   forge signer=P1 [by=P3] to=P0 Prepare ...   an envelope claiming `signer`, signed by `by` (default: client)
 *                                       and sent over `by`'s link: the receiver suspects `by`, never `signer`
 *   fire P0 resend                      fire an armed timer
 *   restart P0                          crash and restart a node from what it last persisted (timers lost)
 *   isolate P3                          cut P3 off: messages in flight from or to it, and all it sends
 *                                       or is sent from now on, are lost (those in flight printed as
 *                                       dropped); one node at a time, as in the checker's world
 *   heal                                end the isolation
 *   state [P0 C ...]                    compact summaries (all nodes without arguments)
 *   timers                              armed timers per node
 *   check [live]                        the invariants (and, with `live`, that every submitted txn is decided)
 *
 * Digests are named `t1:commit` / `t1:abort` (the proposal of txn t1 with that flag),
 * `null` (the null proposal), `#1a2b3c4d` (a prefix of a known digest) or `raw:anything`.
 * After every command the safety invariants are checked; a new violation prints as a
 * `VIOLATION` line and is kept in `violations`, which the test asserts is empty.
 */
import { symbolicSignature, signAs } from "../../checker/model/symbolic-crypto.js";
import type { Envelope } from "../../checker/model/world.js";
import type { Output, TimerName } from "../../impl/core/types.js";
import type { Message, NodeId, Outcome, Read, Signed, Txn, ViewChange, Write } from "../../spec/messages.js";
import { newViewPrePrepares } from "../../impl/core/new-view.js";
import { livenessViolations, safetyViolations } from "./scenario-checks.js";
import { expressible } from "./scenario-alphabet.js";
import { byzantineMove, ScenarioFacade } from "./scenario-facade.js";
import { nodeName, parseNode, renderMessage, renderOutputs, renderSigned, renderState, type Hideable }
  from "./scenario-render.js";
import { asDigest, asNodeId, asSeq, asView } from "../../spec/ids.js";

export interface Args {
  readonly command: string;
  readonly positional: readonly string[];
  readonly named: ReadonlyMap<string, string>;
}

export function parseArgs(line: string): Args {
  const [command, ...tokens] = line.trim().split(/\s+/);
  const positional: string[] = [];
  const named = new Map<string, string>();
  for (const token of tokens) {
    const eq = token.indexOf("=");
    if (eq > 0) named.set(token.slice(0, eq), token.slice(eq + 1));
    else positional.push(token);
  }
  return { command: command ?? "", positional, named };
}

const deliverAllMax = 10_000;
const filterKeys = ["from", "to", "kind", "seq", "view", "digest", "txn"];

export class Scenario {
  world = new ScenarioFacade({ n: 4, f: 1 });
  hide = new Set<Hideable>();
  /** Every invariant violation seen, once each. */
  readonly violations: string[] = [];
  /** Byzantine moves of the script the checker's adversary cannot make: alphabet gaps, once each. */
  readonly gaps: string[] = [];
  /** Every command run and its output lines: a log to print when a test fails. */
  readonly log: string[] = [];

  run(line: string): string[] {
    const out = this.dispatch(parseArgs(line));
    for (const v of safetyViolations(this.world)) out.push(...this.violation(v));
    this.log.push(`> ${line}`, ...out);
    return out;
  }

  private violation(v: string): string[] {
    if (this.violations.includes(v)) return [];
    this.violations.push(v);
    return [`VIOLATION ${v}`];
  }

  private dispatch(a: Args): string[] {
    switch (a.command) {
      case "config": return this.configure(a);
      case "define": this.world.defineTxn(this.txnFrom(a)); return [];
      case "submit": return this.submit(a);
      case "deliver": return this.deliver(a);
      case "deliver-all": return this.deliverAll(a);
      case "drop": return this.drop(a);
      case "dup": return this.dup(a);
      case "net": return this.world.inFlight().filter(this.matcher(a)).map((m) => this.renderInFlight(m));
      case "byz": return this.byzantine(a, false);
      case "forge": return this.byzantine(a, true);
      case "fire": return this.fire(a);
      case "restart": return this.restart(a);
      case "isolate": return this.isolate(a);
      case "heal": this.world.heal(); return [];
      case "state": return this.state(a);
      case "timers": return this.timers();
      case "check": return this.check(a);
      default: throw new Error(`unknown command "${a.command}"`);
    }
  }

  private configure(a: Args): string[] {
    const int = (key: string): number | undefined => (a.named.has(key) ? Number(a.named.get(key)) : undefined);
    const overrides = {
      ...(int("window") === undefined ? {} : { windowSize: int("window") as number }),
      ...(int("resend") === undefined ? {} : { resendTicks: int("resend") as number }),
      ...(int("checkpoint") === undefined ? {} : { checkpointInterval: int("checkpoint") as number }),
    };
    const n = int("n") ?? 4;
    const f = int("f") ?? 1;
    const plain = new ScenarioFacade({ n, f, overrides });
    const byzantine = list(a.named.get("byzantine")).map((name) => parseNode(plain, name));
    this.world = byzantine.length === 0 ? plain : new ScenarioFacade({ n, f, overrides, byzantine });
    this.hide = new Set(list(a.named.get("hide")).map((h) => {
      if (h !== "persist" && h !== "timers") throw new Error(`hide= takes persist and timers, got "${h}"`);
      return h;
    }));
    return [];
  }

  private txnFrom(a: Args): Txn {
    const id = a.named.get("txn");
    if (id === undefined) throw new Error(`${a.command} needs txn=`);
    const writes: Write[] = list(a.named.get("writes")).map((w) => {
      const [key, value] = w.split(":");
      if (key === undefined || value === undefined) throw new Error(`a write is key:value, got "${w}"`);
      return { key, value };
    });
    const reads: Read[] = list(a.named.get("reads")).map((r) => {
      const [key, version] = r.split("@");
      if (key === undefined || version === undefined) throw new Error(`a read is key@version, got "${r}"`);
      return { key, version: Number(version) };
    });
    return { id, writes, reads };
  }

  private submit(a: Args): string[] {
    const txn = this.txnFrom(a);
    const flag = outcome(a.named.get("flag") ?? "commit");
    const signer = a.named.has("signer") ? parseNode(this.world, a.named.get("signer") as string) : this.world.client;
    let request: Signed<Txn> = signAs(signer, txn);
    if (a.named.get("sig") === "forged") {
      request = { ...request, signature: symbolicSignature(this.world.participants()[0] ?? asNodeId(0)) };
    }
    return this.render(this.world.coordinator, this.world.submit(txn, flag, request).out);
  }

  private render(from: NodeId, out: readonly Output[]): string[] {
    return renderOutputs(this.world, from, out, this.hide);
  }

  private renderInFlight(m: Envelope): string {
    return `${nodeName(this.world, m.from)} -> ${nodeName(this.world, m.to)} ${renderSigned(this.world, m.message)}`;
  }

  /** A predicate over in-flight messages from the filter arguments; each value may list alternatives. */
  private matcher(a: Args): (m: Envelope) => boolean {
    for (const key of a.named.keys()) {
      if (!filterKeys.includes(key) && key !== "max") {
        throw new Error(`unknown filter ${key}= (use ${filterKeys.join(", ")})`);
      }
    }
    const nodes = (key: string): NodeId[] | null =>
      (a.named.has(key) ? list(a.named.get(key)).map((x) => parseNode(this.world, x)) : null);
    const from = nodes("from");
    const to = nodes("to");
    const strings = (key: string): string[] | null => (a.named.has(key) ? list(a.named.get(key)) : null);
    const kind = strings("kind");
    const seq = strings("seq");
    const view = strings("view");
    const txn = strings("txn");
    const digests = strings("digest")?.map((d) => this.resolveDigest(d)) ?? null;
    return (m) => {
      const body = m.message.body as Message & { seq?: number; view?: number; digest?: string };
      const txnOf = body.kind === "PrePrepare" ? body.proposal?.request.body.id
        : body.kind === "Confirm" ? body.txn
        : body.kind === "Request" ? body.request.body.id : undefined;
      return (from === null || from.includes(m.from)) && (to === null || to.includes(m.to))
        && (kind === null || kind.includes(body.kind))
        && (seq === null || seq.includes(String(body.seq)))
        && (view === null || view.includes(String(body.view)))
        && (digests === null || (body.digest !== undefined && digests.includes(body.digest)))
        && (txn === null || (txnOf !== undefined && txn.includes(txnOf)));
    };
  }

  private find(a: Args): Envelope {
    const found = this.world.inFlight().find(this.matcher(a));
    if (found === undefined) {
      throw new Error(`no in-flight message matches "${[...a.named].map(([k, v]) => `${k}=${v}`).join(" ")}"`);
    }
    return found;
  }

  private deliver(a: Args): string[] {
    const envelope = this.find(a);
    return this.render(envelope.to, this.world.deliver(envelope).out);
  }

  private deliverAll(a: Args): string[] {
    const max = Number(a.named.get("max") ?? deliverAllMax);
    const match = this.matcher(a);
    const lines: string[] = [];
    for (let count = 0; ; count++) {
      const inFlight = this.world.inFlight();
      const envelope = inFlight.find(match);
      if (envelope === undefined) return lines;
      if (count >= max) {
        const left = inFlight.filter(match).length;
        return [...lines, `stopped after ${max} deliveries, ${left} matching left in flight`];
      }
      lines.push(...this.render(envelope.to, this.world.deliver(envelope).out));
    }
  }

  private drop(a: Args): string[] {
    const match = this.matcher(a);
    const all = a.positional.includes("all");
    const dropped = all ? this.world.inFlight().filter(match) : [this.find(a)];
    for (const e of dropped) this.world.drop(e);
    return dropped.map((m) => `dropped ${this.renderInFlight(m)}`);
  }

  private dup(a: Args): string[] {
    const m = this.find(a);
    this.world.duplicate(m);
    return [`duplicated ${this.renderInFlight(m)}`];
  }

  /** `byz` signs as `from`; `forge` claims `signer` but signs as `by`. The real signer becomes Byzantine. */
  private byzantine(a: Args, forged: boolean): string[] {
    const w = this.world;
    const claimed = parseNode(w, required(a, forged ? "signer" : "from"));
    const actual = forged ? parseNode(w, a.named.get("by") ?? "client") : claimed;
    if (actual !== w.client) w.makeFaulty(actual);
    const body = this.messageFrom(a, claimed);
    const toArg = required(a, "to");
    const targets = toArg === "*"
      ? w.participants().filter((id) => id !== claimed)
      : list(toArg).map((x) => parseNode(w, x));
    if (a.positional.includes("queue")) {
      throw new Error("byz/forge: queue is gone: the checker's Byzantine send is signed and delivered in one step");
    }
    // The link it travels is the real signer's: a forged envelope names `signer` but comes from `by`.
    return targets.flatMap((to) => {
      this.noteGap(byzantineMove(actual, to, body, claimed));
      return this.render(to, w.byzantine(actual, to, body, claimed).out);
    });
  }

  /** Records a Byzantine move the checker's adversary could not make in this world (scenario-alphabet.ts). */
  private noteGap(move: Parameters<typeof expressible>[2]): void {
    this.world.names.learn(move.message);
    if (expressible(this.world.world, this.world.checkContext(), move)) return;
    const gap = `${move.kind} ${nodeName(this.world, move.from)} -> ${nodeName(this.world, move.to)} ` +
      renderMessage(this.world, move.message);
    if (!this.gaps.includes(gap)) this.gaps.push(gap);
  }

  private messageFrom(a: Args, sender: NodeId): Message {
    const kind = a.positional.find((p) => p !== "queue");
    const view = Number(a.named.get("view") ?? 0);
    const seq = Number(a.named.get("seq") ?? 1);
    switch (kind) {
      case "Prepare":
      case "Commit": {
        const digest = asDigest(this.resolveDigest(required(a, "digest")));
        return { kind, view: asView(view), seq: asSeq(seq), digest };
      }
      case "PrePrepare": {
        const proposal = a.named.get("proposal") === "null" ? null : {
          request: signAs(this.world.client, this.knownTxn(required(a, "txn"))),
          flag: outcome(a.named.get("flag") ?? "commit"),
        };
        const digest = a.named.has("digest")
          ? this.resolveDigest(a.named.get("digest") as string)
          : proposal === null ? this.resolveDigest("null")
          : this.world.names.proposalDigestOf(proposal.request.body, proposal.flag);
        return { kind, view: asView(view), seq: asSeq(seq), digest: asDigest(digest), proposal };
      }
      case "Confirm": {
        const s = this.world.state(sender);
        const replica = a.named.has("replica") ? this.resolveDigest(a.named.get("replica") as string)
          : this.world.env.digest(s.role === "participant" ? s.replica : null);
        return {
          kind, seq: asSeq(seq), txn: required(a, "txn"), outcome: outcome(required(a, "outcome")),
          replicaDigest: asDigest(replica),
        };
      }
      case "Checkpoint": {
        const stateDigest = asDigest(this.resolveDigest(required(a, "state")));
        return { kind, seq: asSeq(seq), stateDigest };
      }
      case "ViewChange": {
        const pending = list(a.named.get("pending")).sort().map((id) => signAs(this.world.client, this.knownTxn(id)));
        return { kind, view: asView(view), stableSeq: asSeq(0), checkpointProof: [], prepared: [], pending };
      }
      case "NewView": return this.newViewFrom(a, view);
      case "StateRequest": return { kind, seq: asSeq(seq) };
      default: {
        const kinds = "PrePrepare, Prepare, Commit, Confirm, Checkpoint, ViewChange, NewView, StateRequest";
        throw new Error(`byz/forge: unsupported message kind "${kind ?? ""}" (${kinds})`);
      }
    }
  }

  /** A NEW-VIEW from the VIEW-CHANGEs seen for `view`, then tampered with as `null=` and `omit=` say. */
  private newViewFrom(a: Args, view: number): Message {
    const latest = new Map<NodeId, Signed<ViewChange>>();
    for (const m of this.world.sent) {
      if (m.body.kind === "ViewChange" && m.body.view === view) latest.set(m.signer, m as Signed<ViewChange>);
    }
    const names = a.named.has("vcs") ? list(a.named.get("vcs")).map((x) => parseNode(this.world, x)) : null;
    const chosen = [...latest.values()].filter((vc) => names === null || names.includes(vc.signer))
      .sort((x, y) => x.signer - y.signer);
    const viewChanges = names === null ? chosen.slice(0, this.world.config.quorum) : chosen;
    const nulls = list(a.named.get("null")).map(Number);
    const omits = list(a.named.get("omit")).map(Number);
    const nullDigest = asDigest(this.resolveDigest("null"));
    const prePrepares = newViewPrePrepares(asView(view), viewChanges, this.world.env)
      .filter((pp) => !omits.includes(pp.seq))
      .map((pp) => (nulls.includes(pp.seq) ? { ...pp, digest: nullDigest, proposal: null } : pp));
    return { kind: "NewView", view: asView(view), viewChanges, prePrepares };
  }

  private knownTxn(id: string): Txn {
    const txn = this.world.names.txns.get(id);
    if (txn === undefined) throw new Error(`unknown txn "${id}" (define or submit it first)`);
    return txn;
  }

  private resolveDigest(name: string): string {
    if (name.startsWith("raw:")) return name.slice(4);
    const colon = name.lastIndexOf(":");
    if (colon > 0 && this.world.names.txns.has(name.slice(0, colon))) {
      return this.world.names.proposalDigestOf(this.knownTxn(name.slice(0, colon)), outcome(name.slice(colon + 1)));
    }
    for (const [digest, known] of this.world.names.digestNames) if (known === name) return digest;
    if (name.startsWith("#")) {
      for (const digest of this.world.names.digestNames.keys()) if (digest.startsWith(name.slice(1))) return digest;
      for (const id of this.world.participants()) {
        const s = this.world.state(id);
        const digest = s.role === "participant" ? this.world.env.digest(s.replica) : "";
        if (digest.startsWith(name.slice(1))) return digest;
      }
    }
    throw new Error(`unknown digest "${name}" (use t1:commit, null, #prefix or raw:text)`);
  }

  private fire(a: Args): string[] {
    const [nodeArg, timerArg] = a.positional;
    const id = parseNode(this.world, nodeArg ?? "");
    if (timerArg !== "resend" && timerArg !== "view-change") {
      throw new Error(`fire takes a node and a timer (resend, view-change)`);
    }
    const timer: TimerName = timerArg;
    if (!this.world.timersOf(id).includes(timer)) {
      return [`error: ${nodeName(this.world, id)} has no armed ${timer} timer`];
    }
    return this.render(id, this.world.fire(id, timer).out);
  }

  private restart(a: Args): string[] {
    const id = parseNode(this.world, a.positional[0] ?? "");
    return this.render(id, this.world.crash(id).out);
  }

  private isolate(a: Args): string[] {
    const id = parseNode(this.world, a.positional[0] ?? "");
    return this.world.isolate(id).map((m) => `dropped ${this.renderInFlight(m)}`);
  }

  private state(a: Args): string[] {
    const ids = a.positional.length === 0
      ? [...this.world.participants(), this.world.coordinator]
      : a.positional.map((p) => parseNode(this.world, p));
    return ids.flatMap((id) => renderState(this.world, id));
  }

  private timers(): string[] {
    const ids = [...this.world.participants(), this.world.coordinator];
    return ids.map((id) => `${nodeName(this.world, id)} ${this.world.timersOf(id).join(",") || "-"}`);
  }

  private check(a: Args): string[] {
    const live = a.positional.includes("live") ? livenessViolations(this.world) : [];
    const found = [...safetyViolations(this.world), ...live];
    if (found.length === 0) return ["ok"];
    for (const v of found) if (!this.violations.includes(v)) this.violations.push(v);
    return found.map((v) => `VIOLATION ${v}`);
  }
}

function list(value: string | undefined): string[] {
  return value === undefined || value === "" ? [] : value.split(",");
}

function required(a: Args, key: string): string {
  const value = a.named.get(key);
  if (value === undefined) throw new Error(`${a.command} needs ${key}=`);
  return value;
}

function outcome(value: string): Outcome {
  if (value !== "commit" && value !== "abort") throw new Error(`an outcome is commit or abort, got "${value}"`);
  return value;
}
