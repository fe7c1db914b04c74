/**
 * `npm run check -- [flags]`: the harness. Exit codes: 0 clean, 1 a violation or
 * a vacuous run (the witness "an honest participant decides" never reached),
 * 2 bad usage or bad input, 3 incomplete (a time, state or memory bound stopped
 * the search before its depth bound: never reported as clean).
 */
import { needsPatchedBuild, spawnPatched } from "../mutants/spawn-patched.js";
import { checkConfigFromFlags, checkFlags } from "./check-options.js";
import { helpText, parseFlags } from "./flags.js";
import { runBfs } from "./run-bfs.js";
import { runCoverage } from "./run-coverage.js";
import { runRandom } from "./run-random.js";

function main(argv: readonly string[]): number {
  const parsed = parseFlags(argv, checkFlags);
  if (!parsed.ok) {
    process.stderr.write(`check: ${parsed.error} (see --help)\n`);
    return 2;
  }
  if (parsed.values["help"] === true) {
    process.stdout.write(helpText("npm run check --", "Explores the protocol's world and holds every state to the invariants I1-I7.\nExit: 0 clean, 1 violation or vacuous, 2 bad usage, 3 incomplete.", checkFlags));
    return 0;
  }
  const options = checkConfigFromFlags(parsed.values);
  if (!options.ok) {
    process.stderr.write(`check: ${options.error}\n`);
    return 2;
  }
  const { config, bounds, mode } = options.value;
  // The real core has no switch for a mutant: the same command runs in a build that carries its patch.
  if (needsPatchedBuild(config.mutant)) {
    return spawnPatched(config.mutant, "checker/cli/check-main.js", argv, false).status;
  }
  const output = { json: parsed.values["json"] === true, outDir: typeof parsed.values["out"] === "string" ? parsed.values["out"] : "traces/" };
  if (mode === "bfs") return runBfs(config, bounds, output);
  return mode === "random" ? runRandom(config, bounds, output) : runCoverage(config, bounds, output);
}

process.exitCode = main(process.argv.slice(2));
