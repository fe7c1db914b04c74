/**
 * `npm run check -- [flags]`: the harness. Exit codes: 0 clean, 1 a violation or
 * a vacuous run (the witness "an honest participant decides" never reached),
 * 2 bad usage or bad input, 3 incomplete (a time, state or memory bound stopped
 * the search before its depth bound: never reported as clean, nor as vacuous),
 * 4 a violation was found but its trace could not be rebuilt (the checker's own fault).
 */
import { needsPatchedBuild, spawnPatched } from "../mutants/spawn-patched.js";
import { checkConfigFromFlags, checkFlags } from "./check-options.js";
import { helpText, parseFlags } from "./flags.js";
import { runBfs } from "./run-bfs.js";
import { runCoverage } from "./run-coverage.js";
import { runRandom } from "./run-random.js";
import { shardSeed } from "../engine/shard.js";

function main(argv: readonly string[]): number | Promise<number> {
  const parsed = parseFlags(argv, checkFlags);
  if (!parsed.ok) {
    process.stderr.write(`check: ${parsed.error} (see --help)\n`);
    return 2;
  }
  if (parsed.values["help"] === true) {
    process.stdout.write(helpText("npm run check --", "Explores the protocol's world and holds every state to the invariants I1-I9.\nExit: 0 clean, 1 violation or vacuous, 2 bad usage, 3 incomplete, 4 trace rebuild failed.", checkFlags));
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
  const junit = parsed.values["junit"];
  const output = {
    json: parsed.values["json"] === true,
    outDir: typeof parsed.values["out"] === "string" ? parsed.values["out"] : "traces/",
    junit: typeof junit === "string" ? junit : null,
    shard: bounds.shard === null ? null : `${bounds.shard.index + 1}/${bounds.shard.count}`,
  };
  if (mode === "bfs") return runBfs(config, bounds, output);
  // Swarm verification: each shard of a random or coverage search runs its own seed (shard.ts).
  const sharded = bounds.shard === null ? bounds : { ...bounds, seed: shardSeed(bounds.seed, bounds.shard) };
  return mode === "random" ? runRandom(config, sharded, output) : runCoverage(config, sharded, output);
}

const code = main(process.argv.slice(2));
if (typeof code === "number") process.exitCode = code;
else void code.then((c) => { process.exitCode = c; });
