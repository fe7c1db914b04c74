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

/** Two small configurations: P0 (leader of view 1) Byzantine after a view change it saw; a Byzantine coordinator. */
function smallConfigurations(): { ctx: CheckContext; world: World }[] {
  const budgets = { loss: 0, dup: 0, timeouts: 4 };
  const led = context({ byzantine: [asNodeId(0)], txnCount: 2, budgets });
  const coordinator = context({ coordinator: "byzantine", byzantine: [], txnCount: 2, budgets });
  return [{ ctx: led, world: honestRun(led, 3) }, { ctx: coordinator, world: initialWorld(coordinator) }];
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
});
