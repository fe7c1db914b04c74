/**
 * `npm run keys -- --config cluster.json [--force] [--only NAME]`
 * `npm run keys -- --config cluster.json --client NAME [--out NAME.pem] [--force]`
 *
 * `--only NAME`: this machine's node makes its own key and writes only its public key into the config
 * (the key-distribution step: see keys.ts). `--client NAME`: a client's own key, to `--out` (default
 * `NAME.pem` here), its public key registered under `clients`; the coordinator never holds it.
 *
 * Gives every signer of the cluster (P0..P(n-1), C, client) an Ed25519 private
 * key file in the config's `keyDir` (default `keys/` beside the config) and
 * writes their public keys into the config's `publicKeys`. Existing key files
 * are kept unless `--force`.
 *
 * Exit codes follow the checker's CLI: 0 done, 1 failed, 2 bad usage. Errors
 * are one line on stderr, never a stack trace.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { writeClientKey, writeClusterKeys } from "./keys.js";
import { strictArgs } from "./strict-args.js";

const usage = "usage: npm run keys -- --config <cluster.json> [--force] "
  + "[--only <P0..P(n-1)|C|client> | --client <name> [--out <file.pem>]]";

function main(argv: readonly string[]): number {
  const parsed = strictArgs(argv, {
    config: { type: "string" }, force: { type: "boolean" }, only: { type: "string" }, client: { type: "string" },
    out: { type: "string" }, help: { type: "boolean", short: "h" },
  });
  if (!parsed.ok) return fail(2, `keys: ${parsed.error}\n${usage}`);
  const values = parsed.value;
  if (values.help === true) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (values.config === undefined) return fail(2, `keys: --config is required\n${usage}`);
  if (values.client !== undefined) {
    const out = values.out ?? `${values.client}.pem`;
    const client = writeClientKey(values.config, values.client, out, values.force === true);
    if (!client.ok) return fail(1, `keys: ${client.error}`);
    process.stdout.write(`keys: client ${values.client}: private key in ${out} (keep it to yourself); `
      + `public key ${client.value} written to ${values.config} under clients\n`);
    return 0;
  }
  if (values.out !== undefined) return fail(2, `keys: --out goes with --client\n${usage}`);
  const only = values.only === undefined ? {} : { only: values.only };
  const written = writeClusterKeys(values.config, { force: values.force === true, ...only });
  if (!written.ok) return fail(1, `keys: ${written.error}`);
  const relative = path.relative(process.cwd(), written.value.keyDir);
  const where = relative.startsWith("..") || relative === "" ? written.value.keyDir : relative;
  const parts = [
    written.value.generated.length > 0 ? `generated ${written.value.generated.join(", ")}` : "",
    written.value.kept.length > 0 ? `kept ${written.value.kept.join(", ")}` : "",
  ].filter((part) => part !== "");
  process.stdout.write(`keys: ${parts.join("; ")} in ${where}; public keys written to ${values.config}\n`);
  if (values.only !== undefined) {
    // The line to hand to the operator, who puts it into the cluster's one cluster.json.
    const config = JSON.parse(readFileSync(values.config, "utf8")) as { publicKeys?: Record<string, string> };
    process.stdout.write(`"${values.only}": "${config.publicKeys?.[values.only] ?? ""}"\n`);
  }
  return 0;
}

function fail(code: number, message: string): number {
  process.stderr.write(`${message}\n`);
  return code;
}

process.exitCode = main(process.argv.slice(2));
