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
import { parseArgs } from "node:util";
import { writeClusterKeys } from "./keys.js";

const usage = "usage: npm run keys -- --config <cluster.json> [--force]";

function main(argv: readonly string[]): number {
  let values: { config?: string | undefined; force?: boolean | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { config: { type: "string" }, force: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return fail(2, `keys: ${firstLine(error)}\n${usage}`);
  }
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

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "bad arguments";
}

process.exitCode = main(process.argv.slice(2));
