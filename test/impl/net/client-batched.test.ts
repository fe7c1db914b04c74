/**
 * Batched confirmations on a real n = 4 cluster with batching on (spec/batch.ts): a participant signs one
 * confirmation per executed batch, and the client library still accepts each txn's outcome only on f+1
 * matching signed confirmations it checks itself, from the coordinator's answer and from the participants'
 * own `GET /txn/:id`.
 */
import assert from "node:assert/strict";
import { clientName, loadClusterConfig, httpUrlOf, type ClusterConfig } from "../../../impl/net/cluster-config.js";
import { openClient, type ByzClient } from "../../../impl/net/client.js";
import { writeClusterFiles } from "../../../impl/net/cluster/cluster-files.js";
import { participantOutcomeReader } from "../../../impl/net/cluster/participant-outcome.js";
import { publicKeyMap } from "../../../impl/net/keys.js";
import { cachedVerifier } from "../../../impl/net/node-env.js";
import { startNode, type RunningNode } from "../../../impl/net/node.js";
import { confirmedOutcome } from "../../../spec/batch.js";
import { temporaryDirs } from "./fixtures/temp-dir.js";
import { decidedOf } from "./fixtures/decided.js";

const txn = (id: string) => ({ id, writes: [{ key: id, value: "v" }], reads: [], flag: "commit" as const });

describe("batched confirmations on the net", function () {
  this.timeout(60_000);
  const freshDir = temporaryDirs("client-batched");
  let cluster: ClusterConfig;
  let configFile: string;
  const nodes: RunningNode[] = [];
  let client: ByzClient;

  before(async () => {
    const files = await writeClusterFiles(freshDir(), {
      n: 4, f: 1, tickMs: 50, windowSize: 64, checkpointInterval: 8, viewChangeTicks: 200, relay: false,
      batch: { size: 4, delayMs: 200 },
    });
    assert.ok(files.ok, files.ok ? "" : files.error);
    configFile = files.value.configFile;
    const loaded = loadClusterConfig(configFile);
    assert.ok(loaded.ok);
    cluster = loaded.value;
    for (const node of cluster.nodes) {
      const started = await startNode({ configFile, name: node.id, behaviour: "honest", logFile: null });
      assert.ok(started.ok, started.ok ? "" : started.error);
      nodes.push(started.value);
    }
    const opened = openClient({ configFile, name: clientName });
    assert.ok(opened.ok);
    client = opened.value;
  });

  after(async () => {
    for (const node of nodes) await node.close();
  });

  it("decides a batch's txns on f+1 batch confirmations, from the coordinator and from the participants", async () => {
    const ids = ["b1", "b2", "b3", "b4"];
    const decided = (await Promise.all(ids.map((id) => client.submit(txn(id), Date.now() + 30_000)))).map(decidedOf);
    for (const [i, outcome] of decided.entries()) {
      assert.equal(outcome?.outcome, "commit", `${ids[i]}: ${JSON.stringify(outcome)}`);
      assert.ok((outcome?.confirmations.length ?? 0) >= cluster.f + 1);
      assert.ok(outcome?.confirmations.every((c) => confirmedOutcome(c.body, ids[i] as string) === "commit"));
    }
    // Held for 200 ms, the four submissions went out together: one signed confirmation speaks for several txns.
    assert.ok(decided.some((d) => d?.confirmations.some((c) => c.body.rest !== undefined)),
      "no confirmation covered more than one txn");
    const keys = publicKeyMap(cluster);
    assert.ok(keys.ok, keys.ok ? "" : keys.error);
    const participants = cluster.nodes.flatMap((node) => {
      const url = httpUrlOf(node);
      return node.id === "C" || url === null ? [] : [{ id: Number(node.id.slice(1)), url }];
    });
    const read = participantOutcomeReader(participants, cluster.f, cachedVerifier(keys.value));
    for (const id of ids) assert.equal((await read(id))?.outcome, "commit", id);
    assert.equal(await read("never-submitted"), null);
  });
});
