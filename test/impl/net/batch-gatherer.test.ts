/**
 * The coordinator's batch delay (impl/net/batch-gatherer.ts): a full batch goes at once, a partial one after
 * the delay, and longer (at most `waitFactor` delays) while a full batch of txns is still without a reply.
 */
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { BatchGatherer, waitFactor } from "../../../impl/net/batch-gatherer.js";
import type { Input } from "../../../impl/core/types.js";
import type { Signed, Txn } from "../../../spec/messages.js";
import { asNodeId } from "../../../spec/ids.js";

const request = (id: string): Signed<Txn> =>
  ({ body: { id, writes: [], reads: [] }, signer: asNodeId(5), signature: "s" });
/** The ids handed to the core, each batch's last without `hold`: "t1+t2" is t1 held, then t2. */
function recorder(): { inputs: Input[]; batches: () => string[] } {
  const inputs: Input[] = [];
  const batches = (): string[] => {
    const out: string[] = [];
    let current: string[] = [];
    for (const i of inputs) {
      if (i.kind !== "Submit") continue;
      current.push(i.request.body.id);
      if (i.hold !== true) { out.push(current.join("+")); current = []; }
    }
    return out;
  };
  return { inputs, batches };
}

describe("batch gatherer (impl/net/batch-gatherer.ts)", () => {
  it("sends a full batch at once and a partial one after the delay when nothing is in flight", async () => {
    const { inputs, batches } = recorder();
    const g = new BatchGatherer(2, 5, (i) => inputs.push(i), () => 0);
    g.submit(request("t1"), "commit");
    g.submit(request("t2"), "commit");
    assert.deepEqual(batches(), ["t1+t2"]);
    g.submit(request("t3"), "commit");
    assert.deepEqual(batches(), ["t1+t2"]);
    await sleep(200);
    assert.deepEqual(batches(), ["t1+t2", "t3"]);
  });

  it("holds a partial batch while a full batch is in flight, until it fills or the wait runs out", async () => {
    const { inputs, batches } = recorder();
    let inFlight = 4;
    // Delays of 100 ms: a loaded machine's late timers cannot make t1 look like it waited its fill.
    const g = new BatchGatherer(2, 100, (i) => inputs.push(i), () => inFlight);
    g.submit(request("t1"), "commit");
    await sleep(20);
    assert.deepEqual(batches(), [], "a full batch is in flight: t1 waits for company");
    g.submit(request("t2"), "commit");
    assert.deepEqual(batches(), ["t1+t2"]);
    g.submit(request("t3"), "commit");
    await sleep(100 * waitFactor + 500);
    assert.deepEqual(batches(), ["t1+t2", "t3"], "never more than waitFactor delays");
    inFlight = 1;
    g.submit(request("t4"), "commit");
    await sleep(400);
    assert.deepEqual(batches(), ["t1+t2", "t3", "t4"]);
    g.stop();
  });
});
