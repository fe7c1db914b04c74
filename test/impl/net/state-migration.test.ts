/**
 * Data directories written before `awaiting` (coordinator) and `stateServed`
 * (participant) existed load with defaults instead of failing
 * (impl/net/state-migration.ts), through the real durable store.
 */
import assert from "node:assert/strict";
import path from "node:path";
import type { PrePrepare, Signed, Txn } from "../../../spec/messages.js";
import { initialCoordinator, type CoordinatorState } from "../../../impl/core/coordinator-state.js";
import { initialParticipant } from "../../../impl/core/participant-state.js";
import { openNodeStateStore } from "../../../impl/net/node-state-store.js";
import { migrateState } from "../../../impl/net/state-migration.js";
import { temporaryDirs } from "./fixtures/temp-dir.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";
import type { Seq } from "../../../spec/ids.js";

const request = (id: string): Signed<Txn> => ({ body: { id, writes: [], reads: [] }, signer: asNodeId(5), signature:
      "s" });
const prePrepare = (seq: Seq, id: string | null): PrePrepare => ({
  kind: "PrePrepare", view: asView(0), seq: asSeq(seq), digest: asDigest(`d${seq}`),
  proposal: id === null ? null : { request: request(id), flag: "commit" },
});

/** A coordinator state as the previous version wrote it: no `awaiting` key at all. */
function oldCoordinator(): Omit<CoordinatorState, "awaiting"> {
  const { awaiting: _dropped, ...rest } = {
    ...initialCoordinator(asNodeId(4)), nextSeq: asSeq(4),
    proposals: [prePrepare(asSeq(1), "t-replied"), prePrepare(asSeq(2), "t-proposed"), prePrepare(asSeq(3), null)],
    queue: [{ request: request("t-queued"), flag: "abort" as const }],
    replies: [{ txn: "t-replied", outcome: "commit" as const }],
  };
  return rest;
}

describe("state migration", () => {
  const freshDir = temporaryDirs("migration");

  it("rebuilds a coordinator's awaiting from its queue and proposals, less its replies, on load", async () => {
    const dir = path.join(freshDir(), "C");
    const writer = openNodeStateStore(dir, asNodeId(4));
    writer.save(oldCoordinator() as CoordinatorState);
    await writer.close();
    const reader = openNodeStateStore(dir, asNodeId(4));
    const loaded = reader.load();
    await reader.close();
    assert.equal(loaded?.role, "coordinator");
    assert.deepEqual(loaded?.role === "coordinator" ? loaded.awaiting : null, ["t-proposed", "t-queued"]);
  });

  it("gives a participant without stateServed an empty one, on load", async () => {
    const dir = path.join(freshDir(), "P1");
    const { stateServed: _dropped, ...old } = { ...initialParticipant(asNodeId(1)), lastExecuted: 0 };
    const writer = openNodeStateStore(dir, asNodeId(1));
    writer.save(old as never);
    await writer.close();
    const reader = openNodeStateStore(dir, asNodeId(1));
    const loaded = reader.load();
    await reader.close();
    assert.deepEqual(loaded?.role === "participant" ? loaded.stateServed : null, []);
  });

  it("never rewrites a field that is present", () => {
    const current = { ...initialCoordinator(asNodeId(4)), awaiting: ["kept"] };
    assert.equal(migrateState(current), current);
    const participant = { ...initialParticipant(asNodeId(0)), stateServed: [{ to: asNodeId(2), seq: asSeq(8) }] };
    assert.equal(migrateState(participant), participant);
  });
});
