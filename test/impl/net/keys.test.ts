/**
 * The keys tool: private key files (0600) beside the config, public keys
 * written into it, and a CLI that fails in one line with the right exit code.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createPublicKey } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadClusterConfig } from "../../../impl/net/cluster-config.js";
import { loadPrivateKey, publicKeyMap, writeClusterKeys } from "../../../impl/net/keys.js";
import { makeSigner, makeVerifier } from "../../../impl/net/signer.js";
import { clusterJson } from "./fixtures/cluster.js";
import { temporaryDirs } from "./fixtures/temp-dir.js";
import { asNodeId } from "../../../spec/ids.js";

const keysMain = fileURLToPath(new URL("../../../impl/net/keys-main.js", import.meta.url));

function runKeys(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [keysMain, ...args], { encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("keys", () => {
  const freshDir = temporaryDirs("keys");
  function freshCluster(extra: Record<string, unknown> = {}): string {
    const file = path.join(freshDir(), "cluster.json");
    writeFileSync(file, JSON.stringify({ ...clusterJson(4, 1), ...extra }));
    return file;
  }

  it("writes one 0600 key per signer and their public keys into the config", () => {
    const file = freshCluster();
    const written = writeClusterKeys(file, { force: false });
    assert.ok(written.ok);
    assert.equal(written.value.keyDir, path.join(path.dirname(file), "keys"));
    assert.deepEqual(written.value.generated, ["P0", "P1", "P2", "P3", "C", "client"]);
    for (const name of written.value.generated) {
      assert.equal(statSync(path.join(written.value.keyDir, `${name}.pem`)).mode & 0o777, 0o600);
    }
    const config = loadClusterConfig(file);
    assert.ok(config.ok);
    const keys = publicKeyMap(config.value);
    assert.ok(keys.ok);
    // The coordinator's file key signs what the config's public key verifies, under id n = 4.
    const coordinatorKey = loadPrivateKey(written.value.keyDir, "C");
    assert.ok(coordinatorKey.ok);
    const signed = makeSigner(asNodeId(4), coordinatorKey.value)({ kind: "Checkpoint", seq: 2, stateDigest: "s" });
    assert.equal(makeVerifier(keys.value)(signed), true);
  });

  it("keeps existing keys unless forced, and honours keyDir", () => {
    const file = freshCluster({ keyDir: "secrets", tickMs: 20 });
    assert.ok(writeClusterKeys(file, { force: false }).ok);
    const before = JSON.parse(readFileSync(file, "utf8"));
    const again = writeClusterKeys(file, { force: false });
    assert.ok(again.ok && again.value.kept.length === 6 && again.value.generated.length === 0);
    assert.deepEqual(JSON.parse(readFileSync(file, "utf8")), before);
    assert.equal(before.tickMs, 20); // the rest of the config survives the rewrite
    const forced = writeClusterKeys(file, { force: true });
    assert.ok(forced.ok && forced.value.keyDir.endsWith("secrets"));
    assert.notEqual(JSON.parse(readFileSync(file, "utf8")).publicKeys.P0, before.publicKeys.P0);
  });

  it("CLI: runs with --config and reports what it did", () => {
    const file = freshCluster();
    const run = runKeys(["--config", file]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /generated P0, P1, P2, P3, C, client/);
  });

  it("CLI: bad usage is one line plus usage, exit 2, no stack trace", () => {
    for (const args of [["--bogus"], [], ["--config"], ["stray"]]) {
      const run = runKeys(args);
      assert.equal(run.status, 2, `${args.join(" ")}: ${run.stderr}`);
      assert.equal(run.stderr.trimEnd().split("\n").length, 2, run.stderr);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    }
  });

  it("CLI: a bad config is one line naming the file, exit 1", () => {
    const file = freshCluster({ n: "four" });
    const run = runKeys(["--config", file]);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'keys: cluster.json: n: Expected number, got "four"\n');
  });

  it("--only NAME: one machine makes its own key and writes only its public key (key distribution)", () => {
    const file = freshCluster();
    assert.ok(writeClusterKeys(file, { force: false }).ok);
    const before = JSON.parse(readFileSync(file, "utf8")) as { publicKeys: Record<string, string> };
    // P2's machine: its own copy of the config, its own key directory.
    const own = freshCluster();
    const run = runKeys(["--config", own, "--only", "P2"]);
    assert.equal(run.status, 0, run.stderr);
    const line = /^"P2": "([A-Za-z0-9+/=]+)"$/m.exec(run.stdout);
    assert.ok(line !== null, run.stdout);
    const written = JSON.parse(readFileSync(own, "utf8")) as { publicKeys: Record<string, string> };
    assert.deepEqual(Object.keys(written.publicKeys), ["P2"]);
    assert.equal(written.publicKeys["P2"], line[1]);
    assert.notEqual(line[1], before.publicKeys["P2"]);
    assert.match(runKeys(["--config", own, "--only", "P9"]).stderr, /--only P9: not a signer of this cluster/);
  });

  it("--client NAME: a client's own key file, registered under clients; bad names refused", () => {
    const file = freshCluster();
    const keyFile = path.join(path.dirname(file), "alice.pem");
    const run = runKeys(["--config", file, "--client", "alice", "--out", keyFile]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    const config = loadClusterConfig(file);
    assert.ok(config.ok, config.ok ? "" : config.error);
    const key = loadPrivateKey(path.dirname(keyFile), "alice");
    assert.ok(key.ok);
    const signed = makeSigner(asNodeId(5), key.value)({ id: "alice/t1", writes: [], reads: [] });
    const publicKey = config.value.clients?.["alice"];
    assert.ok(publicKey !== undefined);
    const verifyKey = createPublicKey({ key: Buffer.from(publicKey, "base64"), format: "der", type: "spki" });
    assert.equal(makeVerifier(new Map([[asNodeId(5), verifyKey]]))(signed), true);
    const bad = runKeys(["--config", file, "--client", "Client!"]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /--client Client!: expected a name like "alice"/);
  });
});
