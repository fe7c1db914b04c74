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
import { compositesWithCorruptions } from "../../../checker/model/adversary-corruptions.js";
import { memberOf } from "../../../checker/model/corrupt-ast.js";
import { symbolicDomain } from "../../../checker/model/corrupt-domain.js";
import { corruptions } from "../../../checker/model/corrupt-schema.js";
import { canonicalJson } from "../../../spec/canonical.js";
import { Message as MessageSchema } from "../../../spec/messages.js";
import { schemaFacets, schemaKinds, observedFacets } from "../../../checker/model/alphabet-facets.js";
import { enabledActions, type Action } from "../../../checker/model/actions.js";
import { apply } from "../../../checker/model/apply.js";
import { makeCheckConfig, type CheckConfigInput } from "../../../checker/model/check-config.js";
import { makeContext, type CheckContext } from "../../../checker/model/context.js";
import { initialWorld } from "../../../checker/model/initial-world.js";
import type { World } from "../../../checker/model/world.js";
import type { Message } from "../../../spec/messages.js";
import { asNodeId, asSeq } from "../../../spec/ids.js";

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

  it("builds the single-field corruptions of every kind of composite (adversary-corruptions.ts)", () => {
    const [{ ctx, world }] = configurations as [{ ctx: CheckContext; world: World }];
    // P3 Byzantine after both txns executed: it knows a stable checkpoint's CHECKPOINTs, so it builds STATE-REPLYs.
    const checkpointed = context({ byzantine: [asNodeId(3)], txnCount: 2, budgets: { loss: 0, dup: 0, timeouts: 0 } });
    const kinds = new Set<string>();
    const places = new Set<string>();
    for (const [c, w] of [[ctx, world], [checkpointed, honestRun(checkpointed, 1)]] as const) {
      for (const source of c.adversary.sources.values()) {
        const sent = new Set(compositesWithCorruptions(source, w.knowledge).map((m) => canonicalJson(m)));
        const built = [...composites(source, w.knowledge), ...authorityPrePrepares(source, w.knowledge)];
        const domain = symbolicDomain(c.env, source.self, w.knowledge.map((e) => e.message),
          [...built, ...w.knowledge.map((e) => e.message.body)].map((value) => ({ ast: MessageSchema.ast, value })));
        const firstOfKind = new Map<string, Message>();
        for (const m of built) {
          const nests = m.kind === "PrePrepare" ? m.proposal?.authority !== undefined
            : m.kind === "ViewChange" || m.kind === "NewView" || m.kind === "StateReply";
          if (nests && !firstOfKind.has(m.kind)) firstOfKind.set(m.kind, m);
        }
        for (const [kind, m] of firstOfKind) {
          kinds.add(kind);
          const made = corruptions(memberOf(MessageSchema.ast, m) ?? MessageSchema.ast, m, domain);
          const missing = made.filter((x) => !sent.has(canonicalJson(x.value)));
          assert.ok(made.length > 10 && missing.length === 0, `${kind}: ${missing.length} of ${made.length} not sent`);
          for (const x of made) places.add(`${kind} ${x.path.replace(/\[\d+\].*$/, "")}`);
        }
      }
    }
    assert.deepEqual([...kinds].sort(), ["NewView", "PrePrepare", "StateReply", "ViewChange"]);
    // Certificates and checkpoint proofs travel inside VIEW-CHANGEs, proofs inside STATE-REPLYs, VIEW-CHANGEs inside
    // NEW-VIEWs, the coordinator's word inside a pre-prepare's proposal: each is corrupted in place.
    for (const place of ["ViewChange prepared", "ViewChange checkpointProof", "StateReply proof", "NewView viewChanges",
      "PrePrepare proposal.authority"]) {
      assert.ok([...places].some((p) => p.startsWith(place)), `no corruption of ${place}`);
    }
  });
});
