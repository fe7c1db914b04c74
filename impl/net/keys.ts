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
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { NodeId } from "../../spec/messages.js";
import { type ClusterConfig, decodeClusterConfig, nodeIdOf, resolveBeside, signerNames } from "./cluster-config.js";
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
  const file = privateKeyFile(keyDir, name);
  try {
    const key = createPrivateKey(readFileSync(file, "utf8"));
    if (key.asymmetricKeyType !== "ed25519") return { ok: false, error: `${file}: not an Ed25519 key` };
    return { ok: true, value: key };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: `${file}: ${code === "ENOENT" ? "missing (run npm run keys)" : "not a PEM private key"}` };
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

/** Makes sure every signer of the cluster in `configFile` has a private key file, then writes `publicKeys` into it. */
export function writeClusterKeys(configFile: string, options: { readonly force: boolean }): DecodeResult<KeysWritten> {
  const name = path.basename(configFile);
  let raw: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(readFileSync(configFile, "utf8"));
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return { ok: false, error: `${name}: Expected object` };
    raw = parsed as Record<string, unknown>;
  } catch (error) {
    return { ok: false, error: `${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  // The old public keys are about to be replaced, so they must not block decoding (e.g. after n shrank).
  const { publicKeys: _old, ...rest } = raw;
  const decoded = decodeClusterConfig(rest);
  if (!decoded.ok) return { ok: false, error: `${name}: ${decoded.error}` };
  const keyDir = keyDirOf(configFile, decoded.value);
  try {
    const result = ensurePrivateKeys(keyDir, signerNames(decoded.value.n), options.force);
    if (!result.ok) return result;
    writeJsonAtomic(configFile, { ...raw, publicKeys: result.value.publicKeys });
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

/** Written under a temporary name created 0600 and renamed, so the key is never readable by others, not even briefly. */
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
