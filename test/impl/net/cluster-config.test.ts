/**
 * The cluster file's schema and relations: every failure is one line naming
 * the path and the offending value.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import {
  decodeClusterConfig, httpUrlOf, loadClusterConfig, nodeIdOf, nodeNameOf, signerNames, type NodeAddress,
} from "../../../impl/net/cluster-config.js";
import { clusterJson } from "./fixtures/cluster.js";
import { temporaryDirs } from "./fixtures/temp-dir.js";
import { asNodeId } from "../../../spec/ids.js";

function errorOf(input: unknown): string {
  const decoded = decodeClusterConfig(input);
  assert.equal(decoded.ok, false);
  return decoded.ok ? "" : decoded.error;
}

describe("cluster config", () => {
  const freshDir = temporaryDirs("config");

  it("decodes a valid config with optional fields", () => {
    const decoded = decodeClusterConfig({ ...clusterJson(4, 1), tickMs: 50, dataDir: "data" });
    assert.ok(decoded.ok);
    assert.equal(decoded.value.nodes.length, 5);
    assert.equal(decoded.value.tickMs, 50);
  });

  it("names the path and the value in one line", () => {
    const input = clusterJson(4, 1);
    const nodes: unknown[] = [...input.nodes];
    nodes[2] = { id: "P2", host: "h", port: "x" };
    assert.equal(errorOf({ ...input, nodes }), 'nodes[2].port: Expected number, got "x"');
    assert.equal(errorOf({ ...input, f: -1 }), "f: Expected a value greater than or equal to 0, got -1");
    assert.equal(errorOf({ ...input, nodes: [{ id: "Q", host: "h", port: 1 }] }),
      'nodes[0].id: Expected a node name "P0".."P(n-1)" or "C", got "Q"');
    assert.equal(errorOf({ f: 1, nodes: [] }), "n: Missing key");
    assert.equal(errorOf(null), "Expected object, got null");
  });

  it("checks relations the schema cannot see", () => {
    assert.match(errorOf(clusterJson(3, 1)), /n must be at least 3f\+1/);
    const input = clusterJson(4, 1);
    assert.equal(errorOf({ ...input, nodes: input.nodes.slice(1) }), "nodes: missing P0");
    assert.equal(errorOf({ ...input, nodes: [...input.nodes, { id: "P7", host: "h", port: 1 }] }),
      "nodes[5].id: P7 is not a node of a cluster with n = 4");
    const clash = input.nodes.map((node) => ({ ...node, port: 7000 }));
    assert.equal(errorOf({ ...input, nodes: clash }), "nodes[1]: address 127.0.0.1:7000 is used twice");
  });

  it("refuses unknown fields and a missing protocol section, in one line", () => {
    const input = clusterJson(4, 1);
    assert.equal(errorOf({ ...input, windowsize: 8 }), "windowsize: unknown field");
    assert.equal(errorOf({ ...input, protocol: { windowSize: 8, checkpointIntervall: 2 } }),
      "protocol.checkpointIntervall: unknown field");
    const nodes = input.nodes.map((node, i) => (i === 1 ? { ...node, prot: 1 } : node));
    assert.match(errorOf({ ...input, nodes }), /^nodes\[1\]\.prot: /);
    const { protocol: _dropped, ...withoutProtocol } = input;
    assert.equal(errorOf(withoutProtocol), "protocol: Missing key");
  });

  it("allows plain HTTP only on loopback; elsewhere the node needs tls, and may listen apart from its address", () => {
    const input = clusterJson(4, 1);
    const exposed = input.nodes.map((node, i) => (i === 0 ? { ...node, listenHost: "0.0.0.0", httpPort: 8000 } : node));
    assert.equal(errorOf({ ...input, nodes: exposed }),
      "nodes[0]: HTTP on 0.0.0.0 needs tls {keyFile, certFile} (plain HTTP only on loopback)");
    const tls = { keyFile: "k.pem", certFile: "c.pem" };
    const secured = exposed.map((node, i) => (i === 0 ? { ...node, tls } : node));
    const decoded = decodeClusterConfig({ ...input, nodes: secured });
    assert.ok(decoded.ok, decoded.ok ? "" : decoded.error);
    assert.equal(decoded.value.nodes[0]?.listenHost, "0.0.0.0");
    assert.equal(httpUrlOf(decoded.value.nodes[0] as NodeAddress), "https://127.0.0.1:8000");
    const apart = { host: "10.0.0.5", listenHost: "127.0.0.1", httpPort: 8000 };
    const advertised = input.nodes.map((node, i) => (i === 0 ? { ...node, ...apart } : node));
    assert.ok(decodeClusterConfig({ ...input, nodes: advertised }).ok);
  });

  it("prefixes load errors with the file name", () => {
    const dir = freshDir();
    const file = path.join(dir, "cluster.json");
    writeFileSync(file, JSON.stringify({ ...clusterJson(4, 1), tickMs: "fast" }));
    assert.deepEqual(loadClusterConfig(file),
      { ok: false, error: 'cluster.json: tickMs: Expected number, got "fast"' });
    writeFileSync(file, "{");
    const broken = loadClusterConfig(file);
    assert.ok(!broken.ok && broken.error.startsWith("cluster.json: not JSON:") && !broken.error.includes("\n"));
    assert.deepEqual(loadClusterConfig(path.join(dir, "none.json")),
      { ok: false, error: "none.json: cannot read: ENOENT" });
  });

  it("maps names to ids: P0..P(n-1) are 0..n-1, C is n, client is n+1", () => {
    assert.deepEqual(signerNames(4).map((name) => nodeIdOf(name, 4)), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((id) => nodeNameOf(asNodeId(id), 4)), signerNames(4));
    assert.equal(nodeIdOf("P4", 4), null);
    assert.equal(nodeIdOf("P01", 4), null);
  });
});
