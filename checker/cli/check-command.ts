/**
 * The body of `npm run check` (check-main.ts), callable in-process so that a caller such as the
 * mutation probe (mutation-probe-main.ts) runs several searches without paying node's start-up each time.
 */
import { needsPatchedBuild, spawnPatched } from "../mutants/spawn-patched.js";
import { checkConfigFromFlags, checkFlags } from "./check-options.js";
import { helpText, parseFlags } from "./flags.js";
import { runBfs } from "./run-bfs.js";
import { runFrom } from "./run-from.js";
import { loadTrace } from "../trace/trace-file.js";
import { runCoverage } from "./run-coverage.js";
import { runRandom } from "./run-random.js";
import { shardSeed } from "../engine/shard.js";
import { judgedInvariants } from "./judged-invariants.js";

/** Runs `npm run check` with these arguments in this process; resolves to its exit code. */
export function runCheckCommand(argv: readonly string[]): number | Promise<number> {
  const parsed = parseFlags(argv, checkFlags);
  if (!parsed.ok) {
    process.stderr.write(`check: ${parsed.error} (see --help)\n`);
    return 2;
  }
  if (parsed.values["help"] === true) {
    const about = `Explores the protocol's world and holds every state to the invariants ${judgedInvariants()}.\n` +
      "Exit: 0 clean, 1 violation or vacuous, 2 bad usage, 3 incomplete, 4 trace rebuild failed.";
    process.stdout.write(helpText("npm run check --", about, checkFlags));
    return 0;
  }
  const options = checkConfigFromFlags(parsed.values);
  if (!options.ok) {
    process.stderr.write(`check: ${options.error}\n`);
    return 2;
  }
  const { config, bounds, mode } = options.value;
  const junit = parsed.values["junit"];
  const output = {
    json: parsed.values["json"] === true,
    outDir: typeof parsed.values["out"] === "string" ? parsed.values["out"] : "traces/",
    junit: typeof junit === "string" ? junit : null,
    shard: bounds.shard === null ? null : `${bounds.shard.index + 1}/${bounds.shard.count}`,
  };
  const from = parsed.values["from"];
  if (typeof from === "string") {
    // The trace's config is the search's, its mutant included (a patched build reads the trace again).
    const loaded = loadTrace(from);
    if (!loaded.ok) {
      process.stderr.write(`check: --from ${loaded.error}\n`);
      return 2;
    }
    const mutant = loaded.value.config.mutant;
    if (needsPatchedBuild(mutant)) return spawnPatched(mutant, "checker/cli/check-main.js", argv, false).status;
    return runFrom(from, mode, bounds, output, parsed.values["corrupt"] === true);
  }
  // The real core has no switch for a mutant: the same command runs in a build that carries its patch.
  if (needsPatchedBuild(config.mutant)) {
    return spawnPatched(config.mutant, "checker/cli/check-main.js", argv, false).status;
  }
  if (mode === "bfs") return runBfs(config, bounds, output);
  // Swarm verification: each shard of a random or coverage search runs its own seed (shard.ts).
  const sharded = bounds.shard === null ? bounds : { ...bounds, seed: shardSeed(bounds.seed, bounds.shard) };
  return mode === "random" ? runRandom(config, sharded, output) : runCoverage(config, sharded, output);
}
