/**
 * `npm run merge-results -- FILE...`: folds the `--json` summaries of a sharded search
 * (`npm run check -- --shard i/N --json > shard-i.json` on N machines) into one verdict
 * (checker/search/merge-results.ts). A file may hold one summary or one per line. Exit codes as
 * `npm run check`: 0 clean, 1 violation or vacuous, 2 bad usage or a bad file, 3 incomplete
 * (a shard incomplete, missing or repeated).
 */
import { readFileSync } from "node:fs";
import { decodeWith } from "../../spec/decode-result.js";
import { RunSummary } from "../../spec/run-summary.js";
import { mergedExitCode, mergeResults, type MergedResult } from "../search/merge-results.js";
import { exitAfterCi } from "./ci-output.js";
import { helpText, parseFlags, type FlagSpec } from "./flags.js";

const flags: readonly FlagSpec[] = [
  { name: "json", type: "boolean", help: "print the merged result as one JSON object" },
  { name: "junit", type: "string", help: "also write a JUnit XML report of the merged verdict to this file" },
  { name: "help", type: "boolean", help: "print this help" },
];

type Loaded = { ok: true; value: RunSummary[] } | { ok: false; error: string };

function load(file: string): Loaded {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return { ok: false, error: `${file}: cannot read: ${(e as Error).message.split("\n")[0]}` };
  }
  const lines = text.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  if (lines.length === 0) return { ok: false, error: `${file}: empty (expected a summary of npm run check -- --json)` };
  const out: RunSummary[] = [];
  for (const [i, line] of lines.entries()) {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return { ok: false, error: `${file}:${i + 1}: not JSON (expected a summary of npm run check -- --json)` };
    }
    const decoded = decodeWith(RunSummary, json);
    if (!decoded.ok) return { ok: false, error: `${file}:${i + 1}: ${decoded.error}` };
    out.push(decoded.value);
  }
  return { ok: true, value: out };
}

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

function report(r: MergedResult): string {
  const out = [`merge-results: ${r.shards} summaries of ${r.shardsExpected} expected: ${r.verdict.toUpperCase()}`];
  out.push(`  states ${r.distinctStatesSum} summed over shards (shards share the levels above their split), ` +
    `transitions ${r.transitionsSum}, slowest shard ${seconds(r.elapsedMsMax)} s, ` +
    `all shards ${seconds(r.elapsedMsSum)} s`);
  for (const p of r.problems) out.push(`  INCOMPLETE: ${p}`);
  for (const v of r.violations) {
    out.push(`  VIOLATION of ${v.invariant} (shard ${v.shard ?? "-"}): ${v.message}; trace: ${v.trace ?? "none"}`);
  }
  for (const [name, reached] of Object.entries(r.sometimes)) {
    out.push(`  sometimes "${name}": ${reached ? "reached" : "not reached"}`);
  }
  return `${out.join("\n")}\n`;
}

function main(argv: readonly string[]): number {
  const parsed = parseFlags(argv, flags, Number.MAX_SAFE_INTEGER);
  if (!parsed.ok) {
    process.stderr.write(`merge-results: ${parsed.error} (see --help)\n`);
    return 2;
  }
  if (parsed.values["help"] === true) {
    process.stdout.write(helpText("npm run merge-results -- FILE...",
      "Folds the --json summaries of a sharded check into one verdict.\n" +
      "Exit: 0 clean, 1 violation or vacuous, 2 bad usage or file,\n" +
      "3 incomplete (a shard incomplete, missing or repeated).",
      flags));
    return 0;
  }
  if (parsed.positionals.length === 0) {
    process.stderr.write("merge-results: name the summary files (npm run check -- --shard i/N --json > FILE)\n");
    return 2;
  }
  const summaries: RunSummary[] = [];
  for (const file of parsed.positionals) {
    const loaded = load(file);
    if (!loaded.ok) {
      process.stderr.write(`merge-results: ${loaded.error}\n`);
      return 2;
    }
    summaries.push(...loaded.value);
  }
  const merged = mergeResults(summaries);
  const json = parsed.values["json"] === true;
  process.stdout.write(json ? `${JSON.stringify(merged)}\n` : report(merged));
  const first = summaries[0] as RunSummary;
  const junit = parsed.values["junit"];
  const gate = { ...merged, mode: first.mode, config: first.config as never, trace: merged.violations[0]?.trace ?? null,
    elapsedMs: merged.elapsedMsMax, stopReason: merged.problems[0] ?? "a shard's bound" };
  const ci = { json, junit: typeof junit === "string" ? junit : null, shard: `merged ${merged.shards}` };
  return exitAfterCi(gate, mergedExitCode(merged), ci);
}

process.exitCode = main(process.argv.slice(2));
