/**
 * Compact, readable lines for the scenario scripts: node names (P0.., C, client),
 * messages (`Prepare v=0 s=1 t1:commit`), a step's outputs (`P2 -> * Prepare ...`,
 * `P0 decide s=1 t1 commit`, `P0 proven P3 equivocation: ...`) and node states.
 * Digests print as the name of the proposal they cover (`t1:commit`, `null`) when
 * the world knows it, else as `#` and their first 8 hex digits.
 */
import type { Digest, Message, NodeId, PreparedCertificate, Signed, SignedMessage } from "../../spec/messages.js";
import { canonicalJson } from "../../spec/canonical.js";
import { confirmedStatement } from "../../spec/batch.js";
import { verifySymbolic } from "../../checker/model/symbolic-crypto.js";
import { setMembers } from "../../impl/core/quorum.js";
import type { CoordinatorState } from "../../impl/core/coordinator-state.js";
import type { ParticipantState, SlotState } from "../../impl/core/participant-state.js";
import type { Output } from "../../impl/core/types.js";
import type { ScenarioFacade as World } from "./scenario-facade.js";
import { asNodeId } from "../../spec/ids.js";

/** Output kinds a script may hide with `config hide=persist,timers`. */
export type Hideable = "persist" | "timers";

export function nodeName(world: World, id: NodeId): string {
  if (id === world.coordinator) return "C";
  if (id === world.client) return "client";
  if (id >= 0 && id < world.n) return `P${id}`;
  return `N${id}`;
}

export function parseNode(world: World, name: string): NodeId {
  if (name === "C") return world.coordinator;
  if (name === "client") return world.client;
  const match = /^P(\d+)$/.exec(name);
  if (match?.[1] !== undefined && Number(match[1]) < world.n) return asNodeId(Number(match[1]));
  throw new Error(`unknown node "${name}" (use P0..P${world.n - 1}, C or client)`);
}

export function digestName(world: World, digest: Digest): string {
  const known = world.names.digestNames.get(digest);
  if (known !== undefined) return known;
  return /^[0-9a-f]{16}$/.test(digest) ? `#${digest.slice(0, 8)}` : `?${digest}`;
}

const nodeList = (world: World, ids: readonly NodeId[]): string =>
  ids.length === 0 ? "-" : ids.map((id) => nodeName(world, id)).join(",");

export function renderMessage(world: World, m: Message): string {
  switch (m.kind) {
    case "Request": return `Request ${m.request.body.id} ${m.flag}`;
    case "PrePrepare": {
      const body = m.proposal === null ? "null" : digestName(world, world.env.digest(m.proposal));
      const name = digestName(world, m.digest);
      return `PrePrepare v=${m.view} s=${m.seq} ${name}${body === name ? "" : ` body=${body}`}`;
    }
    case "Prepare":
    case "Commit": return `${m.kind} v=${m.view} s=${m.seq} ${digestName(world, m.digest)}`;
    case "Confirm": return `Confirm s=${m.seq} ${confirmedStatement(m)} r=${digestName(world, m.replicaDigest)}`;
    case "Checkpoint": return `Checkpoint s=${m.seq} r=${digestName(world, m.stateDigest)}`;
    case "ViewChange": {
      const pending = m.pending.map((r) => r.body.id).join(",") || "-";
      const prepared = preparedList(world, m.prepared);
      return `ViewChange v=${m.view} stable=${m.stableSeq} prepared=${prepared} pending=${pending}`;
    }
    case "NewView": {
      const pps = m.prePrepares.map((p) => `s${p.seq}:${digestName(world, p.digest)}`).join(",") || "-";
      return `NewView v=${m.view} from=${nodeList(world, m.viewChanges.map((vc) => vc.signer))} pre-prepares=${pps}`;
    }
    case "StateRequest": return `StateRequest s=${m.seq}`;
    case "StateReply": {
      const replica = digestName(world, world.env.digest(m.replica));
      return `StateReply s=${m.seq} r=${replica} proof=${nodeList(world, m.proof.map((c) => c.signer))}`;
    }
  }
}

/** Prepared certificates as `s1@v0:t1:commit`, comma-separated, or `-`. */
function preparedList(world: World, prepared: readonly PreparedCertificate[]): string {
  const one = (c: PreparedCertificate): string => {
    const pp = c.prePrepare.body;
    return `s${pp.seq}@v${pp.view}:${digestName(world, pp.digest)}`;
  };
  return prepared.map(one).join(",") || "-";
}

const viewChangeList = (world: World, vcs: readonly Signed<{ readonly view: number }>[]): string =>
  vcs.map((vc) => `${nodeName(world, vc.signer)}@v${vc.body.view}`).join(",");

/** An envelope: its claimed signer, and a mark when the signature does not verify. */
export function renderSigned(world: World, s: SignedMessage): string {
  return `${renderMessage(world, s.body)}${verifySymbolic(s) ? "" : " (bad signature)"}`;
}

/** `*` for every participant (the sender aside or not, in any order), `*,C` with the coordinator too. */
function recipients(world: World, from: NodeId, to: readonly NodeId[]): string {
  const sorted = [...to].sort((a, b) => a - b);
  const all = world.participants();
  const others = all.filter((id) => id !== from);
  const is = (list: readonly NodeId[]): boolean =>
    sorted.length === list.length && list.every((x, i) => x === sorted[i]);
  if (is(all) || is(others)) return "*";
  if (is([...all, world.coordinator]) || is([...others, world.coordinator])) return "*,C";
  return nodeList(world, to);
}

/** One line per output, with consecutive sends of one message to several nodes folded into one line. */
export function renderOutputs(world: World, from: NodeId, out: readonly Output[], hide: ReadonlySet<Hideable>):
  string[] {
  const lines: string[] = [];
  const who = nodeName(world, from);
  for (let i = 0; i < out.length; i++) {
    const o = out[i] as Output;
    if (o.kind === "Send") {
      const to = [o.to];
      const key = canonicalJson(o.message);
      for (let next = out[i + 1]; next?.kind === "Send" && canonicalJson(next.message) === key; next = out[i + 1]) {
        to.push(next.to);
        i++;
      }
      lines.push(`${who} -> ${recipients(world, from, to)} ${renderMessage(world, o.message)}`);
      continue;
    }
    const line = renderOther(world, who, o, hide);
    if (line !== null) lines.push(line);
  }
  return lines;
}

function renderOther(world: World, who: string, o: Exclude<Output, { kind: "Send" }>, hide: ReadonlySet<Hideable>):
  string | null {
  switch (o.kind) {
    case "ArmTimer": return hide.has("timers") ? null : `${who} arm ${o.timer} ${o.ticks}`;
    case "CancelTimer": return hide.has("timers") ? null : `${who} cancel ${o.timer}`;
    case "Persist": return hide.has("persist") ? null : `${who} persist`;
    case "Decide":
      if (o.txn === null) return `${who} decide s=${o.seq} no-op`;
      return `${who} decide s=${o.seq} ${o.txn} ${o.outcome ?? "?"}`;
    case "Reply":
      return `${who} reply ${o.txn} ${o.outcome} (${nodeList(world, o.confirmations.map((c) => c.signer))})`;
    case "Report": {
      const e = o.evidence;
      const verb = e.grade === "proven" ? "proven" : "suspects";
      const proof = e.grade !== "proven" ? ""
        : ` [proof: ${e.proof.map((p) => `${nodeName(world, p.signer)} ${renderSigned(world, p)}`).join(" / ")}]`;
      return `${who} ${verb} ${nodeName(world, e.against)} ${e.reason}: ${e.detail}${proof}`;
    }
  }
}

/** Votes grouped by digest; the group matching the slot's pre-prepare prints without a digest. */
function renderVotes(world: World, label: string, votes: readonly (Signed<{ readonly digest: Digest }> | null)[],
  own: Digest | null): string {
  const byDigest = new Map<Digest, NodeId[]>();
  for (const v of votes) {
    if (v !== null) byDigest.set(v.body.digest, [...(byDigest.get(v.body.digest) ?? []), v.signer]);
  }
  if (byDigest.size === 0) return `${label}=-`;
  const group = ([d, ids]: [Digest, NodeId[]]): string =>
    (d === own ? `${label}=` : `${label}[${digestName(world, d)}]=`) + nodeList(world, ids);
  return [...byDigest].map(group).join(" ");
}

function renderSlot(world: World, slot: SlotState): string {
  const own = slot.prePrepare?.body.digest ?? null;
  const proposal = own === null ? "" : ` ${digestName(world, own)}`;
  const prepares = renderVotes(world, "prepares", slot.prepares, own);
  return `  s=${slot.seq} ${slot.phase}${proposal} ${prepares} ${renderVotes(world, "commits", slot.commits, own)}`;
}

function renderParticipant(world: World, s: ParticipantState): string[] {
  const name = nodeName(world, s.id);
  const proven = nodeList(world, setMembers(s.proven));
  const progress = s.progressView === undefined ? "" : ` progress=v${s.progressView}`;
  const head = `${name} view=${s.view} ${s.status} low=${s.lowWatermark} executed=${s.lastExecuted}${progress}`;
  const lines = [`${head} proven={${proven}}`];
  for (const slot of s.slots) lines.push(renderSlot(world, slot));
  if (s.pending.length > 0) lines.push(`  pending ${s.pending.map((r) => r.body.id).join(",")}`);
  if (s.prepared.length > 0) {
    lines.push(`  prepared ${preparedList(world, s.prepared)}`);
  }
  if (s.checkpoints.length > 0) {
    lines.push(`  checkpoints ${s.checkpoints.map((c) => `${nodeName(world, c.signer)}@s${c.body.seq}`).join(",")}`);
  }
  if (s.stableProof.length > 0) {
    lines.push(`  stable s=${s.lowWatermark} proof=${nodeList(world, s.stableProof.map((c) => c.signer))}`);
  }
  if (s.viewChanges.length > 0) lines.push(`  view-changes ${viewChangeList(world, s.viewChanges)}`);
  if (s.newView !== null) lines.push(`  new-view ${renderMessage(world, s.newView)}`);
  const entries = s.replica.entries.map((e) => `${e.key}=${e.value}@v${e.version}`).join(" ");
  lines.push(`  replica ${digestName(world, world.env.digest(s.replica))}${entries === "" ? "" : ` ${entries}`}`);
  if (s.replica.outcomes.length > 0) {
    lines.push(`  outcomes ${s.replica.outcomes.map((o) => `${o.txn}=${o.outcome}@s${o.seq}`).join(" ")}`);
  }
  return lines;
}

function renderCoordinator(world: World, s: CoordinatorState): string[] {
  const queue = s.queue.map((q) => q.request.body.id).join(",") || "-";
  const proven = nodeList(world, setMembers(s.proven));
  const lines = [`C view=${s.view} low=${s.lowWatermark} next=${s.nextSeq} queue=${queue} proven={${proven}}`];
  for (const p of s.proposals) lines.push(`  s=${p.seq} ${digestName(world, p.digest)}`);
  const groups = new Map<string, NodeId[]>();
  for (const c of s.confirmations) {
    const key = `s=${c.body.seq} ${c.body.txn} ${c.body.outcome}`;
    groups.set(key, [...(groups.get(key) ?? []), c.signer]);
  }
  for (const [key, ids] of groups) lines.push(`  confirmed ${key} by ${nodeList(world, ids)}`);
  if (s.replies.length > 0) lines.push(`  replies ${s.replies.map((r) => `${r.txn}=${r.outcome}`).join(" ")}`);
  if (s.viewChanges.length > 0) lines.push(`  view-changes ${viewChangeList(world, s.viewChanges)}`);
  return lines;
}

export function renderState(world: World, id: NodeId): string[] {
  const s = world.state(id);
  return s.role === "participant" ? renderParticipant(world, s) : renderCoordinator(world, s);
}
