/**
 * The scenario façade drives the checker's world and nothing else: its run replays as a
 * path of checker actions to the very same world, it sends nothing to faulty nodes, and
 * it tells the adversary's moves from moves the alphabet lacks.
 */
import assert from "node:assert/strict";
import { apply } from "../../checker/model/apply.js";
import { emptyWorld } from "../../checker/model/initial-world.js";
import type { World } from "../../checker/model/world.js";
import type { Message, Txn } from "../../spec/messages.js";
import { expressible } from "./scenario-alphabet.js";
import { byzantineMove, ScenarioFacade } from "./scenario-facade.js";
import { asDigest, asNodeId, asSeq, asView } from "../../spec/ids.js";

const t1: Txn = { id: "t1", writes: [{ key: "x", value: "1" }], reads: [{ key: "x", version: 0 }] };

function drain(facade: ScenarioFacade): void {
  for (let e = facade.inFlight()[0]; e !== undefined; e = facade.inFlight()[0]) facade.deliver(e);
}

function replayed(facade: ScenarioFacade): World {
  let world = emptyWorld(facade.ctx);
  for (const action of facade.taken) world = apply(world, action, facade.ctx).world;
  return world;
}

describe("scenario façade", () => {
  it("runs a commit as checker actions: replaying them with apply gives the same world", () => {
    const facade = new ScenarioFacade({ n: 4, f: 1 });
    facade.submit(t1, "commit");
    drain(facade);
    assert.equal(facade.decisions.get(asNodeId(0))?.[0]?.txn, "t1", "P0 decided t1");
    assert.ok(facade.taken.length > 10, `only ${facade.taken.length} actions`);
    const world = replayed(facade);
    assert.deepEqual(world.nodes, facade.world.nodes);
    assert.deepEqual(world.timers, facade.world.timers);
    assert.deepEqual(world.inFlight.map((e) => [e.hi, e.lo]), facade.world.inFlight.map((e) => [e.hi, e.lo]));
  });

  it("keeps the send order: the coordinator's first PRE-PREPARE goes to P0, then P1, P2, P3", () => {
    const facade = new ScenarioFacade({ n: 4, f: 1 });
    facade.submit(t1, "commit");
    assert.deepEqual(facade.inFlight().map((e) => e.to), [0, 1, 2, 3]);
  });

  it("puts nothing in flight to a faulty node, and loses what was on its way when a node turns faulty", () => {
    const declared = new ScenarioFacade({ n: 4, f: 1, byzantine: [asNodeId(3)] });
    declared.submit(t1, "commit");
    assert.deepEqual(declared.inFlight().map((e) => e.to), [0, 1, 2]);
    const late = new ScenarioFacade({ n: 4, f: 1 });
    late.submit(t1, "commit");
    late.makeFaulty(asNodeId(3));
    assert.deepEqual(late.inFlight().map((e) => e.to), [0, 1, 2]);
    assert.equal(late.world.inFlight.length, 3);
  });

  it("tells a move of the checker's adversary from one its alphabet lacks", () => {
    const facade = new ScenarioFacade({ n: 4, f: 1, byzantine: [asNodeId(3)] });
    facade.submit(t1, "commit");
    const ctx = facade.checkContext();
    const digest = facade.names.proposalDigestOf(t1, "commit");
    const vote: Message = { kind: "Prepare", view: asView(0), seq: asSeq(1), digest };
    assert.equal(expressible(facade.world, ctx, byzantineMove(asNodeId(3), asNodeId(0), vote)), true);
    const raw: Message = { kind: "Prepare", view: asView(0), seq: asSeq(1), digest: asDigest("d1") };
    assert.equal(expressible(facade.world, ctx, byzantineMove(asNodeId(3), asNodeId(0), raw)), false,
      "a digest outside the domains");
  });

  it("refuses a second isolated node with a clear error (the checker's world cuts off one at a time)", () => {
    const facade = new ScenarioFacade({ n: 4, f: 1 });
    facade.submit(t1, "commit");
    const lost = facade.isolate(asNodeId(2));
    assert.deepEqual(lost.map((e) => e.to), [2]);
    assert.throws(() => facade.isolate(asNodeId(1)), /one node at a time/);
  });
});
