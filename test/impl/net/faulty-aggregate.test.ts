/**
 * The coordinator's cluster-wide faulty list (impl/net/faulty-aggregate.ts) re-checks
 * every proven entry a participant reports with verifyEvidence, the one judge: a
 * proof that does not verify is listed as a suspicion against its reporter, never as
 * proof against the node it names. Two holes it once had: an empty proof for a reason
 * it could not check, and two honest relayed Requests keyed by a view and seq they do
 * not have, read as the coordinator's equivocation. Real Ed25519 keys, one HTTP source.
 */
import assert from "node:assert/strict";
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { aggregateFaulty } from "../../../impl/net/faulty-aggregate.js";
import type { FaultyEntry } from "../../../impl/net/faulty-list.js";
import { cachedVerifier, makeNodeEnv } from "../../../impl/net/node-env.js";
import { makeSigner, type Sign } from "../../../impl/net/signer.js";
import { makeProtocolConfig } from "../../../spec/config.js";
import type { Message, SignedMessage, Txn } from "../../../spec/messages.js";
import { asDigest, asNodeId, asSeq, asView } from "../../../spec/ids.js";
import type { Digest, NodeId } from "../../../spec/ids.js";

const n = 4;
const publicKeys = new Map<NodeId, KeyObject>();
const signers = new Map<number, Sign>();
for (let id = 0; id <= n + 1; id++) {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  publicKeys.set(asNodeId(id), publicKey);
  signers.set(id, makeSigner(asNodeId(id), privateKey));
}
const sign = (id: number, body: Message): SignedMessage => (signers.get(id) as Sign)(body);
const env = makeNodeEnv(makeProtocolConfig(n, 1), cachedVerifier(publicKeys));
const txn = (id: string): Txn => ({ id, writes: [{ key: "x", value: id }], reads: [] });
const request = (id: string) => (signers.get(n + 1) as Sign)(txn(id));

function entry(node: string, reason: string, proof: readonly SignedMessage[]): FaultyEntry {
  return { node, grade: "proven", reason, detail: "reported", proof, count: 1, firstAt: 0, lastAt: 0,
    reportedBy: ["P1"] };
}

/** Serves `entries` as P1's local faulty list, aggregates it, and closes. */
async function aggregated(entries: readonly FaultyEntry[]): Promise<FaultyEntry[]> {
  const server = http.createServer((_, response) => {
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ node: "P1", faulty: entries }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const result = await aggregateFaulty([], [{ name: "P1", url }], env, n);
    assert.deepEqual(result.unreachable, []);
    return result.faulty;
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const proven = (list: readonly FaultyEntry[]): string[] => list.filter((e) => e.grade === "proven").map((e) => e.node);

describe("cluster-wide faulty list", () => {
  it("keeps a real equivocation as proof against its signer", async () => {
    const prepare = (digest: Digest) => sign(2, { kind: "Prepare", view: asView(0), seq: asSeq(1), digest:
          asDigest(digest) });
    const list = await aggregated([entry("P2", "equivocation", [prepare(asDigest("a")), prepare(asDigest("b"))])]);
    assert.deepEqual(proven(list), ["P2"]);
  });

  it("does not list a node as proven on an empty proof: it suspects the reporter instead", async () => {
    const list = await aggregated([entry("P2", "invalid-new-view", [])]);
    assert.deepEqual(proven(list), []);
    const blamed = list.find((e) => e.node === "P1");
    assert.equal(blamed?.reason, "unverifiable-proof");
    assert.match(blamed?.detail ?? "", /reported P2 proven \(invalid-new-view\) with a proof that does not check: no/);
  });

  it("does not read two honest relayed Requests as the coordinator's equivocation", async () => {
    const relayed = (id: string): SignedMessage => sign(n, { kind: "Request", request: request(id), flag: "commit" });
    const list = await aggregated([entry("C", "equivocation", [relayed("t1"), relayed("t2")])]);
    assert.deepEqual(proven(list), []);
    assert.equal(list.find((e) => e.node === "P1")?.reason, "unverifiable-proof");
  });

  it("refuses a reason that is suspicion, and a proof that is not a list of signed messages", async () => {
    const vote = sign(3, { kind: "Commit", view: asView(0), seq: asSeq(1), digest: asDigest("a") });
    const garbled = { ...entry("P0", "equivocation", []), proof: [{ body: 1 }] as never };
    const list = await aggregated([entry("P3", "timeout", [vote]), garbled]);
    assert.deepEqual(proven(list), []);
  });
});
