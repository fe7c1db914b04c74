/**
 * HTTPS on the node's API (issue 15, part 5): with `tls` in its cluster.json
 * entry the node serves HTTPS with that key and certificate, a client trusting
 * the certificate reads it, and plain HTTP to the same port gets no answer.
 * The certificate is made for the test by openssl (self-signed, 127.0.0.1).
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import https from "node:https";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { writeClusterFiles } from "../../../impl/net/cluster/cluster-files.js";
import { requestJson } from "../../../impl/net/http-json.js";
import { startNode, type RunningNode } from "../../../impl/net/node.js";
import { temporaryDirs } from "./fixtures/temp-dir.js";

function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("node HTTPS", function () {
  this.timeout(30_000);
  const freshDir = temporaryDirs("tls");
  let node: RunningNode | null = null;
  let dir: string;

  before(function () {
    if (!hasOpenssl()) this.skip(); // the test needs a certificate; Node cannot make one by itself
  });

  after(async () => node?.close());

  it("serves the API over HTTPS with the configured key and certificate, and not over plain HTTP", async () => {
    dir = freshDir();
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", path.join(dir, "tls-key.pem"), "-out", path.join(dir, "tls-cert.pem"), "-days", "1",
      "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore" });
    const files = await writeClusterFiles(dir,
      { n: 4, f: 1, tickMs: 100, windowSize: 64, checkpointInterval: 8, viewChangeTicks: 40, relay: false });
    assert.ok(files.ok);
    const raw = JSON.parse(readFileSync(files.value.configFile, "utf8")) as { nodes: Record<string, unknown>[] };
    const tls = { keyFile: "tls-key.pem", certFile: "tls-cert.pem" };
    raw.nodes = raw.nodes.map((entry) => (entry["id"] === "P0" ? { ...entry, tls } : entry));
    writeFileSync(files.value.configFile, JSON.stringify(raw));
    const configFile = files.value.configFile;
    const started = await startNode({ configFile, name: "P0", behaviour: "honest", logFile: null });
    assert.ok(started.ok, started.ok ? "" : started.error);
    node = started.value;
    assert.match(node.httpUrl ?? "", /^https:\/\//);
    const agent = new https.Agent({ ca: readFileSync(path.join(dir, "tls-cert.pem"), "utf8") });
    const status = await requestJson("GET", `${node.httpUrl}/status`, undefined, 5_000, agent);
    assert.ok(status.ok, status.ok ? "" : status.error);
    assert.equal((status.body as { node: string }).node, "P0");
    const untrusted = await requestJson("GET", `${node.httpUrl}/status`, undefined, 5_000, new https.Agent());
    assert.equal(untrusted.ok, false); // a client that does not trust the certificate gets no answer
    const plainUrl = `${(node.httpUrl ?? "").replace("https:", "http:")}/status`;
    const plain = await requestJson("GET", plainUrl, undefined, 5_000);
    assert.ok(!plain.ok || plain.status >= 400, "plain HTTP was answered");
  });
});
