/**
 * Key material for a cluster. Private keys: one PKCS#8 PEM file per signer,
 * `<keyDir>/<name>.pem`, mode 0600, in a 0700 directory. Public keys: in the
 * cluster file itself (`publicKeys`, base64 SPKI DER), so the one file every
 * node already reads is the whole public view of the cluster and nodes cannot
 * disagree about which key file goes with which config.
 *
 * Regenerating is opt-in (`force`): by default existing private keys are kept
 * and only their public halves are (re)written, so re-running the tool after
 * adding a node does not silently re-key the others.
 *
 * Key distribution for a real deployment (no machine ever sees another's
 * private key): each node's machine runs `--only <name>`, which makes that one
 * key and writes only its public half into its copy of the config; the
 * operator copies each public line into the one cluster.json (`publicKeys`)
 * that every node and client then receives. A client makes its own key with
 * `--client <name> --out <file>`, which registers the public half under
 * `clients`. The all-in-one mode (no `--only`) is for test clusters on one machine.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { NodeId } from "../../spec/messages.js";
import {
  clientName, clientNamePattern, type ClusterConfig, decodeClusterConfig, nodeIdOf, resolveBeside, signerNames,
} from "./cluster-config.js";
import type { DecodeResult } from "./decode-result.js";

export const keyDirDefault = "keys";

export function privateKeyFile(keyDir: string, name: string): string {
  return path.join(keyDir, `${name}.pem`);
}

export function keyDirOf(configFile: string, config: ClusterConfig): string {
  return resolveBeside(configFile, config.keyDir ?? keyDirDefault);
}

/** base64 of the SPKI DER encoding: self-describing (it names the algorithm) and one line in JSON. */
export function exportPublicKey(key: KeyObject): string {
  return createPublicKey(key).export({ type: "spki", format: "der" }).toString("base64");
}

export function importPublicKey(text: string): KeyObject | null {
  try {
    const key = createPublicKey({ key: Buffer.from(text, "base64"), format: "der", type: "spki" });
    return key.asymmetricKeyType === "ed25519" ? key : null;
  } catch {
    return null;
  }
}

export function loadPrivateKey(keyDir: string, name: string): DecodeResult<KeyObject> {
  return loadPrivateKeyFile(privateKeyFile(keyDir, name));
}

/** An Ed25519 private key from a PEM file (a client's own key may live anywhere). */
export function loadPrivateKeyFile(file: string): DecodeResult<KeyObject> {
  try {
    const key = createPrivateKey(readFileSync(file, "utf8"));
    if (key.asymmetricKeyType !== "ed25519") return { ok: false, error: `${file}: not an Ed25519 key` };
    return { ok: true, value: key };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === "ENOENT" ? "missing (run npm run keys)" : "not a PEM private key";
    return { ok: false, error: `${file}: ${problem}` };
  }
}

/** Every signer's public key, imported once; an error if any is missing or malformed. */
export function publicKeyMap(config: ClusterConfig): DecodeResult<Map<NodeId, KeyObject>> {
  const keys = new Map<NodeId, KeyObject>();
  for (const name of signerNames(config.n)) {
    const text = config.publicKeys?.[name];
    if (text === undefined) return { ok: false, error: `publicKeys.${name}: missing (run npm run keys)` };
    const key = importPublicKey(text);
    const id = nodeIdOf(name, config.n);
    if (key === null || id === null) return { ok: false, error: `publicKeys.${name}: not an Ed25519 public key` };
    keys.set(id, key);
  }
  return { ok: true, value: keys };
}

export interface KeysWritten {
  readonly keyDir: string;
  readonly generated: readonly string[];
  readonly kept: readonly string[];
}

function readRawConfig(configFile: string): DecodeResult<Record<string, unknown>> {
  const name = path.basename(configFile);
  try {
    const parsed: unknown = JSON.parse(readFileSync(configFile, "utf8"));
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      return { ok: false, error: `${name}: Expected object` };
    }
    return { ok: true, value: parsed as Record<string, unknown> };
  } catch (error) {
    return { ok: false, error: `${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
}

/**
 * Makes sure every signer of the cluster in `configFile` (or only `only`) has a private key file, then
 * writes their public keys into its `publicKeys` (with `only`, that one entry; the others are kept).
 */
export function writeClusterKeys(configFile: string, options: { readonly force: boolean; readonly only?: string }):
  DecodeResult<KeysWritten> {
  const name = path.basename(configFile);
  const read = readRawConfig(configFile);
  if (!read.ok) return read;
  const raw = read.value;
  // The old public keys are about to be replaced, so they must not block decoding (e.g. after n shrank).
  const { publicKeys: _old, ...rest } = raw;
  const decoded = decodeClusterConfig(rest);
  if (!decoded.ok) return { ok: false, error: `${name}: ${decoded.error}` };
  const keyDir = keyDirOf(configFile, decoded.value);
  const names = signerNames(decoded.value.n);
  if (options.only !== undefined && !names.includes(options.only)) {
    return { ok: false, error: `--only ${options.only}: not a signer of this cluster (${names.join(", ")})` };
  }
  try {
    const result = ensurePrivateKeys(keyDir, options.only === undefined ? names : [options.only], options.force);
    if (!result.ok) return result;
    const kept = options.only === undefined ? {} : (raw["publicKeys"] as Record<string, string> | undefined) ?? {};
    writeJsonAtomic(configFile, { ...raw, publicKeys: { ...kept, ...result.value.publicKeys } });
    return { ok: true, value: { keyDir, generated: result.value.generated, kept: result.value.kept } };
  } catch (error) {
    return { ok: false, error: `${keyDir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
}

function ensurePrivateKeys(keyDir: string, names: readonly string[], force: boolean):
  DecodeResult<{ publicKeys: Record<string, string>; generated: string[]; kept: string[] }> {
  mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  const publicKeys: Record<string, string> = {};
  const generated: string[] = [];
  const kept: string[] = [];
  for (const name of names) {
    let key: KeyObject;
    if (!force && existsSync(privateKeyFile(keyDir, name))) {
      const loaded = loadPrivateKey(keyDir, name);
      if (!loaded.ok) return loaded;
      key = loaded.value;
      kept.push(name);
    } else {
      key = generateKeyPairSync("ed25519").privateKey;
      writeSecretAtomic(privateKeyFile(keyDir, name), key.export({ type: "pkcs8", format: "pem" }).toString());
      generated.push(name);
    }
    publicKeys[name] = exportPublicKey(key);
  }
  return { ok: true, value: { publicKeys, generated, kept } };
}

/**
 * Written under a temporary name created 0600 and renamed, so the key is never readable by others, not even
 * briefly.
 */
function writeSecretAtomic(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600, flag: "wx" });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

/** A crash mid-write leaves the old config, never half of a new one. */
function writeJsonAtomic(file: string, value: unknown): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: statSync(file).mode & 0o777 });
  renameSync(temporary, file);
}

/**
 * A named client's own key: the private key to `keyFile` (0600; never into the nodes' key directory),
 * its public half into the config's `clients`. An existing key file is kept unless `force`.
 */
export function writeClientKey(configFile: string, client: string, keyFile: string, force: boolean):
  DecodeResult<string> {
  const read = readRawConfig(configFile);
  if (!read.ok) return read;
  if (!clientNamePattern.test(client) || client === clientName) {
    const expected = 'expected a name like "alice" (lower case, digits, - and _; not "client")';
    return { ok: false, error: `--client ${client}: ${expected}` };
  }
  const decoded = decodeClusterConfig(read.value);
  if (!decoded.ok) return { ok: false, error: `${path.basename(configFile)}: ${decoded.error}` };
  try {
    let key: KeyObject;
    if (!force && existsSync(keyFile)) {
      key = createPrivateKey(readFileSync(keyFile, "utf8"));
      if (key.asymmetricKeyType !== "ed25519") return { ok: false, error: `${keyFile}: not an Ed25519 key` };
    } else {
      key = generateKeyPairSync("ed25519").privateKey;
      writeSecretAtomic(keyFile, key.export({ type: "pkcs8", format: "pem" }).toString());
    }
    const publicKey = exportPublicKey(key);
    const clients = { ...(read.value["clients"] as Record<string, string> | undefined), [client]: publicKey };
    writeJsonAtomic(configFile, { ...read.value, clients });
    return { ok: true, value: publicKey };
  } catch (error) {
    return { ok: false, error: `${keyFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
}
