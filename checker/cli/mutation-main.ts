/**
 * `npm run mutation -- [--sample LINES --seed S] [--incremental]`: StrykerJS on impl/core with the checker
 * alone as the test (stryker.config.mjs runs cli/mutation-probe-main.ts once per mutant), then a summary of
 * Stryker's JSON report (mutants/mutation-report-summary.ts) with every survivor listed for triage
 * (checker/mutants/mutation-triage.md). Stryker writes reports/mutation/mutation.html and mutation.json.
 *
 * A full pass tests every mutant of impl/core (about 3,200) and takes hours on a shared 2-core machine, so
 * `--sample LINES` tests every mutant on LINES code lines drawn at random with `--seed`
 * (mutants/mutation-sample-lines.ts),
 * and `--incremental` reuses the results of an earlier pass for code that did not change (Stryker's own
 * incremental mode, reports/stryker-incremental.json). Exit: Stryker's own code, or 2 on bad usage or a
 * report that cannot be read.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { mutateRanges, sampleLines } from "../mutants/mutation-sample-lines.js";
import { summarize, summaryText } from "../mutants/mutation-report-summary.js";
import { helpText, intFlag, parseFlags, type FlagSpec } from "./flags.js";

const mutationFlags: readonly FlagSpec[] = [
  {
    name: "sample", type: "string",
    help: "test only the mutants on this many code lines of impl/core, drawn at random",
    default: "all lines",
  },
  { name: "seed", type: "string", help: "the seed of --sample's draw", default: "1" },
  {
    name: "incremental", type: "boolean",
    help: "reuse an earlier pass's results for unchanged code (reports/stryker-incremental.json)",
  },
  {
    name: "summary", type: "boolean",
    help: "only print the summary of the last report (reports/mutation/mutation.json)",
  },
  { name: "help", type: "boolean", help: "print this help" },
];

const coreDir = "impl/core";
const reportFile = "reports/mutation/mutation.json";

function coreFiles(): { path: string; text: string }[] {
  return readdirSync(coreDir).filter((name) => name.endsWith(".ts")).sort()
    .map((name) => ({ path: path.posix.join(coreDir, name), text: readFileSync(path.join(coreDir, name), "utf8") }));
}

function printSummary(): number {
  let report: unknown;
  try {
    report = JSON.parse(readFileSync(reportFile, "utf8"));
  } catch (e) {
    process.stderr.write(`mutation: cannot read ${reportFile}: ${(e as Error).message.split("\n")[0]}\n`);
    return 2;
  }
  const summary = summarize(report);
  if (!summary.ok) {
    process.stderr.write(`mutation: ${reportFile}: ${summary.error}\n`);
    return 2;
  }
  process.stdout.write(summaryText(summary.value));
  return 0;
}

function main(argv: readonly string[]): number {
  const parsed = parseFlags(argv, mutationFlags);
  if (!parsed.ok) {
    process.stderr.write(`mutation: ${parsed.error} (see --help)\n`);
    return 2;
  }
  const v = parsed.values;
  if (v["help"] === true) {
    const summary = "Mutation score of impl/core, judged by the checker alone (StrykerJS, command runner).";
    process.stdout.write(helpText("npm run mutation --", summary, mutationFlags));
    return 0;
  }
  if (v["summary"] === true) return printSummary();
  const sample = intFlag(v, "sample", 0, 1, 100_000);
  const seed = intFlag(v, "seed", 1, 0, 2 ** 31 - 1);
  if (!sample.ok || !seed.ok) {
    process.stderr.write(`mutation: ${!sample.ok ? sample.error : !seed.ok ? seed.error : ""}\n`);
    return 2;
  }
  const args = ["stryker", "run", "stryker.config.mjs"];
  if (v["sample"] !== undefined) {
    const lines = sampleLines(coreFiles(), sample.value, seed.value);
    process.stderr.write(`mutation: ${lines.length} lines of ${coreDir} drawn with seed ${seed.value}\n`);
    args.push("--mutate", mutateRanges(lines));
  }
  if (v["incremental"] === true) args.push("--incremental");
  const run = spawnSync("npx", args, { stdio: "inherit" });
  if (run.error !== undefined) {
    process.stderr.write(`mutation: could not start Stryker: ${run.error.message}\n`);
    return 2;
  }
  const summarized = printSummary();
  return run.status ?? (summarized === 0 ? 1 : summarized);
}

process.exitCode = main(process.argv.slice(2));
