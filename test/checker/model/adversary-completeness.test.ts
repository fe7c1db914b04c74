/**
 * Completeness of the Byzantine alphabet (DESIGN.md §6, issue 12): every message kind
 * of the schema union, and every finite facet of its fields (flags, outcomes, null and
 * non-null proposals, empty and non-empty composites, valid and forged signatures,
 * digests that match their body and that do not), is sent by the adversary of a small
 * configuration. The kinds and facets are read from spec/messages.ts
 * (checker/model/alphabet-facets.ts), so a new kind or field fails here until the adversary
 * can send it.
 */
import assert from "node:assert/strict";
import { composites } from "../../../checker/model/adversary-composites.js";
import { authorityPrePrepares } from "../../../checker/model/adversary-authority.js";
import { isSigned, memberOf, propertiesOf, resolved, type Ast } from "../../../checker/model/corrupt-ast.js";
import { symbolicDomain } from "../../../checker/model/corrupt-domain.js";
import { corruptions } from "../../../checker/model/corrupt-schema.js";
import { canonicalJson } from "../../../spec/canonical.js";
import { Message as MessageSchema } from "../../../spec/messages.js";
import { schemaFacets, schemaKinds, observedFacets } from "../../../checker/model/alphabet-facets.js";
import { enabledActions, forEachAction, type Action } from "../../../checker/model/actions.js";
import { apply } from "../../../checker/model/apply.js";
import { makeCheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import { makeContext, type CheckContext } from "../../../checker/model/context.js";
import { initialWorld } from "../../../checker/model/initial-world.js";
import type { World } from "../../../checker/model/world.js";
import type { Message } from "../../../spec/messages.js";
import { asNodeId, asSeq } from "../../../spec/ids.js";
import { leaderOf } from "../../../impl/core/quorum.js";

function context(input: CheckConfigInput): CheckContext {
  const made = makeCheckConfig(input);
  if (!made.ok) throw new Error(made.error);
  return makeContext(made.config);
}

/**
 * Honest progress only, so the faulty nodes learn what honest nodes send: a few
 * deliveries, then every armed timer fires (view changes start while slots are
 * prepared), then everything in flight is delivered; `rounds` times.
 */
function honestRun(ctx: CheckContext, rounds: number): World {
  let world = initialWorld(ctx);
  const deliver = (steps: number): void => {
    for (let step = 0; step < steps; step++) {
      const next = enabledActions(world, ctx).find((a) => a.kind === "deliver");
      if (next === undefined) return;
      world = apply(world, next, ctx).world;
    }
  };
  for (let round = 0; round < rounds; round++) {
    deliver(round === 0 ? 12 : 400);
    const timers = enabledActions(world, ctx).filter((a): a is Extract<Action, { kind: "fire" }> => a.kind === "fire");
    for (const timer of timers) {
      world = apply(world, timer, ctx).world;
    }
  }
  deliver(400);
  return world;
}

/** Everything the faulty nodes of `ctx` may send in `world`: fixed alphabet, pairs, composites; forgeries apart. */
function alphabetOf(ctx: CheckContext, world: World): { sent: Message[]; forged: Message[] } {
  const sent: Message[] = [];
  for (const messages of ctx.alphabet.values()) sent.push(...messages);
  for (const pairs of ctx.adversary.pairs.values()) for (const [a, b] of pairs) sent.push(a, b);
  for (const source of ctx.adversary.sources.values()) sent.push(...composites(source, world.knowledge));
  const forged = [...ctx.adversary.forgeries.values()].flatMap((list) => list.map((f) => f.message));
  return { sent, forged };
}

/**
 * Three small configurations: P0 (leader of view 1) Byzantine after a view change it saw; a Byzantine coordinator;
 * a Byzantine coordinator with batches of two (`--batch 2`: the batch PRE-PREPAREs, spec/batch.ts).
 */
function smallConfigurations(): { ctx: CheckContext; world: World }[] {
  const budgets = { loss: 0, dup: 0, timeouts: 4 };
  const led = context({ byzantine: [asNodeId(0)], txnCount: 2, budgets });
  const coordinator = context({ coordinator: "byzantine", byzantine: [], txnCount: 2, budgets });
  const batching = context({
    coordinator: "byzantine", byzantine: [], txnCount: 2, budgets, protocol: { batchSize: 2 },
  });
  return [
    { ctx: led, world: honestRun(led, 3) }, { ctx: coordinator, world: initialWorld(coordinator) },
    { ctx: batching, world: initialWorld(batching) },
  ];
}

describe("Byzantine alphabet completeness (checker/model/alphabet-facets.ts)", () => {
  const configurations = smallConfigurations();
  const seen = new Set<string>();
  for (const { ctx, world } of configurations) {
    const { sent, forged } = alphabetOf(ctx, world);
    for (const facet of observedFacets(sent, forged, ctx.env)) seen.add(facet);
  }

  it("reads every kind of the Message union from the schema", () => {
    const kinds = schemaKinds();
    assert.ok(kinds.length >= 10 && !kinds.includes("?"), `kinds read from the schema: ${kinds.join(", ")}`);
    assert.ok(kinds.includes("PrePrepare") && kinds.includes("StateReply"));
  });

  it("sends every message kind, signed as itself and forged", () => {
    const missing = schemaKinds().flatMap((k) => [`${k}: sent`, `${k}: forged`]).filter((f) => !seen.has(f));
    assert.deepEqual(missing, [], `kinds the adversary never sends: ${missing.join("; ")}`);
  });

  it("shows every finite facet of every field", () => {
    const missing = schemaFacets().filter((f) => !seen.has(f));
    assert.deepEqual(missing, [], `facets the adversary never sends:\n  ${missing.join("\n  ")}`);
  });

  it("ranges over every view in play, every seq and one past the window", () => {
    const [{ ctx }] = configurations as [{ ctx: CheckContext; world: World }];
    const sent = [...(ctx.alphabet.values())].flat();
    const { changeViews, votingViews, seqs } = ctx.adversary.domains;
    for (const view of votingViews) {
      assert.ok(sent.some((m) => m.kind === "Prepare" && m.view === view), `no PREPARE for view ${view}`);
    }
    for (const view of changeViews) {
      assert.ok(sent.some((m) => m.kind === "ViewChange" && m.view === view), `no VIEW-CHANGE for view ${view}`);
    }
    assert.ok(seqs.includes(asSeq(ctx.config.protocol.windowSize + 1)), "no seq past the window");
    for (const seq of seqs) {
      assert.ok(sent.some((m) => m.kind === "Commit" && m.seq === seq), `no COMMIT for seq ${seq}`);
    }
    const leads = sent.some((m) => m.kind === "PrePrepare" && m.view === 1);
    assert.ok(leads, "the leader of view 1 never pre-prepares in it");
  });

  it("starts and pre-prepares a changed view it does not lead, its NEW-VIEW to the coordinator only", () => {
    const ctx = context({});
    const [byzantine] = ctx.config.byzantine;
    assert.equal(byzantine, asNodeId(3));
    const n = ctx.config.n;
    const foreign = (m: Message): boolean =>
      (m.kind === "NewView" || m.kind === "PrePrepare") && m.view > 0 && leaderOf(m.view, n) !== byzantine;
    const sent = [...(ctx.alphabet.values())].flat().filter(foreign);
    assert.deepEqual([...new Set(sent.map((m) => m.kind))].sort(), ["NewView", "PrePrepare"]);
    const moves = enabledActions(initialWorld(ctx), ctx)
      .filter((a) => a.kind === "byzantine" && a.message.kind === "NewView" && foreign(a.message));
    assert.ok(moves.length > 0, "the coordinator is sent a non-leader's NEW-VIEW");
    assert.deepEqual(moves.filter((a) => a.kind === "byzantine" && a.to !== ctx.coordinator), [],
      "a non-leader's NEW-VIEW goes to the coordinator only");
  });

  it("sends the single-field corruptions of every kind of composite, in every field of it (adversary-corruptions.ts)",
    function () {
      this.timeout(120_000);
      const [{ world }] = configurations as [{ ctx: CheckContext; world: World }];
      // P3 Byzantine after both txns executed: it knows a stable checkpoint's CHECKPOINTs, so it builds STATE-REPLYs.
      const budgets = { loss: 0, dup: 0, timeouts: 0 };
      const checkpointed = context({ byzantine: [asNodeId(3)], txnCount: 2, budgets });
      const led = context({ byzantine: [asNodeId(0)], txnCount: 2, budgets: { loss: 0, dup: 0, timeouts: 4 },
        corrupt: true });
      const kinds = new Set<string>();
      const fields = new Set<string>();
      const reached = new Set<string>();
      const corrupting = context({ byzantine: [asNodeId(3)], txnCount: 2, budgets, corrupt: true });
      // Batches of two (spec/batch.ts): P3 knows the coordinator's batch PRE-PREPAREs, so their `rest` is in play.
      const batched = { byzantine: [asNodeId(3)], txnCount: 2, budgets, protocol: { batchSize: 2 } };
      const batching = context({ ...batched, corrupt: true });
      for (const [c, w] of [
        [led, world], [corrupting, honestRun(checkpointed, 1)], [batching, honestRun(context(batched), 1)],
      ] as const) {
        // What the checker's enumeration sends (self-loops included), not what the builder returns.
        const sent = new Set<string>();
        forEachAction(w, c, (a) => { if (a.kind === "byzantine") sent.add(canonicalJson(a.message)); }, true);
        for (const source of c.adversary.sources.values()) {
          const built = [...composites(source, w.knowledge), ...authorityPrePrepares(source, w.knowledge)];
          const domain = symbolicDomain(c.env, source.self, w.knowledge.map((e) => e.message),
            [...built, ...w.knowledge.map((e) => e.message.body)].map((value) => ({ ast: MessageSchema.ast, value })));
          // And the honest batch PRE-PREPAREs it knows (corrupted as known messages, adversary-corruptions.ts 2).
          const batches = w.knowledge.map((e) => e.message)
            .filter((m) => m.signer !== source.self && m.body.kind === "PrePrepare" && m.body.rest !== undefined);
          for (const [kind, m] of firstNestingOfKind([...built, ...batches.map((m) => m.body)])) {
            kinds.add(kind);
            const member = memberOf(MessageSchema.ast, m) ?? MessageSchema.ast;
            const made = corruptions(member, m, domain);
            const missing = made.filter((x) => !sent.has(canonicalJson(x.value)));
            assert.ok(made.length > 10 && missing.length === 0,
              `${kind}: ${missing.length} of ${made.length} not sent`);
            for (const f of fieldPaths(member, "")) fields.add(`${kind} ${f}`);
            for (const x of made) {
              const path = x.path.replace(/\[\d+\]/g, "").split(".");
              for (let i = 1; i <= path.length; i++) reached.add(`${kind} ${path.slice(0, i).join(".")}`);
            }
          }
        }
      }
      assert.deepEqual([...kinds].sort(), ["NewView", "PrePrepare", "StateReply", "ViewChange"]);
      // Every field of each kind (read from its schema, none named here) is corrupted in some message sent, in one
      // configuration or the other: certificates and checkpoint proofs inside VIEW-CHANGEs, proofs inside
      // STATE-REPLYs, VIEW-CHANGEs inside NEW-VIEWs, the coordinator's word inside a pre-prepare's proposal.
      const unreached = [...fields].filter((f) => !reached.has(f));
      assert.deepEqual(unreached, [], "fields of a composite no corruption reaches");
      assert.ok(fields.size >= 20, `fields read from the schema: ${[...fields].join(", ")}`);
    });
});

/**
 * The first composite of each kind nesting a signed message (a pre-prepare: one carrying the coordinator's word, or
 * a batch, preferred).
 */
function firstNestingOfKind(built: readonly Message[]): Map<string, Message> {
  const firstOfKind = new Map<string, Message>();
  for (const m of built) {
    const nests = m.kind === "PrePrepare" ? m.proposal?.authority !== undefined
      : m.kind === "ViewChange" || m.kind === "NewView" || m.kind === "StateReply";
    const batch = m.kind === "PrePrepare" && m.rest !== undefined;
    const known = firstOfKind.get(m.kind);
    // A batch PRE-PREPARE (it has every field) stands for its kind over one of a single txn.
    if ((nests || batch) && (known === undefined || (batch && !(known.kind === "PrePrepare" && known.rest)))) {
      firstOfKind.set(m.kind, m);
    }
  }
  return firstOfKind;
}

/**
 * The fields of a struct schema by dotted path, those of a (nullable or optional) struct field too, one level down:
 * what a single-field corruption must reach. Not below arrays or signed envelopes (their elements and bodies are
 * messages of their own), nor literal fields (a kind is the router's matter).
 */
function fieldPaths(ast: Ast, prefix: string, depth = 2): string[] {
  const out: string[] = [];
  for (const p of propertiesOf(ast)) {
    const at = resolved(p.type);
    if (at._tag === "Literal") continue;
    const path = `${prefix}${p.name}`;
    out.push(path);
    const inner = at._tag === "Union" ? at.types.map(resolved).find((t) => t._tag === "Objects") : at;
    if (depth > 1 && inner !== undefined && inner._tag === "Objects" && !isSigned(inner)) {
      out.push(...fieldPaths(inner, `${path}.`, depth - 1));
    }
  }
  return out;
}
