/**
 * `npm run keys -- --config cluster.json [--force]`
 *
 * Gives every signer of the cluster (P0..P(n-1), C, client) an Ed25519 private
 * key file in the config's `keyDir` (default `keys/` beside the config) and
 * writes their public keys into the config's `publicKeys`. Existing key files
 * are kept unless `--force`.
 *
 * Exit codes follow the checker's CLI: 0 done, 1 failed, 2 bad usage. Errors
 * are one line on stderr, never a stack trace.
 */
import path from "node:path";
import { writeClusterKeys } from "./keys.js";
import { strictArgs } from "./strict-args.js";

const usage = "usage: npm run keys -- --config <cluster.json> [--force]";

function main(argv: readonly string[]): number {
  const parsed = strictArgs(argv, { config: { type: "string" }, force: { type: "boolean" }, help: { type: "boolean", short: "h" } });
  if (!parsed.ok) return fail(2, `keys: ${parsed.error}\n${usage}`);
  const values = parsed.value;
  if (values.help === true) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (values.config === undefined) return fail(2, `keys: --config is required\n${usage}`);
  const written = writeClusterKeys(values.config, { force: values.force === true });
  if (!written.ok) return fail(1, `keys: ${written.error}`);
  const relative = path.relative(process.cwd(), written.value.keyDir);
  const where = relative.startsWith("..") || relative === "" ? written.value.keyDir : relative;
  const parts = [
    written.value.generated.length > 0 ? `generated ${written.value.generated.join(", ")}` : "",
    written.value.kept.length > 0 ? `kept ${written.value.kept.join(", ")}` : "",
  ].filter((part) => part !== "");
  process.stdout.write(`keys: ${parts.join("; ")} in ${where}; public keys written to ${values.config}\n`);
  return 0;
}

function fail(code: number, message: string): number {
  process.stderr.write(`${message}\n`);
  return code;
}

process.exitCode = main(process.argv.slice(2));
