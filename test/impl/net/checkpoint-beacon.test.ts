/** The idle laggard beacon's decisions (checkpoint-beacon.ts): when to announce, what, and to whom. */
import assert from "node:assert/strict";
import { makeProtocolConfig } from "../../../spec/config.js";
import type { Checkpoint, Signed } from "../../../spec/messages.js";
import { asDigest, asNodeId, asSeq } from "../../../spec/ids.js";
import { initialState } from "../../../impl/core/step.js";
import type { NodeState } from "../../../impl/core/types.js";
import { beaconCheckpoint, beaconTargets, IdleBeacon } from "../../../impl/net/checkpoint-beacon.js";

const protocol = makeProtocolConfig(4, 1);
const signed = (signer: number, seq: number): Signed<Checkpoint> => ({
  body: { kind: "Checkpoint", seq: asSeq(seq), stateDigest: asDigest("d40") }, signer: asNodeId(signer), signature: "s",
} as unknown as Signed<Checkpoint>);

/** P1 with its window at `h` (proven by P1..P3) and `executed` executed. */
function participant(h: number, executed: number): NodeState {
  const state = initialState(asNodeId(1), protocol);
  assert.equal(state.role, "participant");
  return { ...state, lowWatermark: asSeq(h), lastExecuted: asSeq(executed),
    stableProof: h === 0 ? [] : [signed(1, h), signed(2, h), signed(3, h)] } as NodeState;
}

describe("checkpoint beacon", () => {
  it("announces after 10 idle periods, then every 10 while idle, and progress starts the count again", () => {
    const beacon = new IdleBeacon(10);
    const fired = (executed: number, periods: number): number[] =>
      Array.from({ length: periods }, (_, i) => (beacon.period(executed) ? i + 1 : 0)).filter((i) => i > 0);
    assert.deepEqual(fired(8, 25), [11, 21]); // the first call only sees seq 8 for the first time
    assert.deepEqual(fired(9, 5), []);
    assert.deepEqual(fired(9, 6), [6]); // 4 idle periods before, 6 here: 10 in a row
    assert.deepEqual(fired(10, 1), []);
  });

  it("announces the stable checkpoint of a participant that holds its state, and nothing otherwise", () => {
    assert.deepEqual(beaconCheckpoint(participant(40, 41)),
      { kind: "Checkpoint", seq: asSeq(40), stateDigest: asDigest("d40") });
    assert.equal(beaconCheckpoint(participant(0, 3)), null, "the initial state needs no announcing");
    assert.equal(beaconCheckpoint(participant(40, 8)), null, "behind its own window: it does not hold that state");
    assert.equal(beaconCheckpoint(initialState(asNodeId(4), protocol)), null, "the coordinator announces nothing");
  });

  it("goes to every other node, the coordinator included", () => {
    assert.deepEqual(beaconTargets(asNodeId(1), protocol), [0, 2, 3, 4].map(asNodeId));
  });
});
