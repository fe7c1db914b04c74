/**
 * `node dist/checker/cli/mutation-probe-main.js [--only NAME,...] [--all] [--list]`: the test command Stryker
 * runs once per mutant of impl/core (stryker.config.json, `npm run mutation`). The checker alone judges
 * the mutant: the searches of mutants/mutation-probe-configs.ts, each the plain `npm run check` with its defaults.
 * Stryker selects the active mutant through the environment (`__STRYKER_ACTIVE_MUTANT__`, read by the
 * instrumented core when it loads); this command knows nothing of it, so it runs as well on a clean build.
 *
 * Exit: 0 every search clean (the mutant survived), 1 a search killed it (violation, vacuous, trace error
 * or a throw), 3 a budget stopped a search and none killed, 2 bad usage. The last stdout line is the verdict,
 * e.g. `mutation-probe: killed by byzantine-leader (violation or vacuous ...)`; Stryker keeps it as the
 * mutant's status reason, and `npm run mutation`'s summary counts 3 apart from the kills.
 */
import { probeConfigs } from "../mutants/mutation-probe-configs.js";
import { helpText, parseFlags, type FlagSpec } from "./flags.js";
import { runProbe } from "./mutation-probe.js";

const probeFlags: readonly FlagSpec[] = [
  { name: "only", type: "string", help: "run only these configs, comma-separated (see --list)" },
  { name: "all", type: "boolean", help: "run every config even after one kills (to see which catch a mutant)" },
  { name: "list", type: "boolean", help: "print the configs with their arguments and purpose" },
  { name: "help", type: "boolean", help: "print this help" },
];

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseFlags(argv, probeFlags);
  if (!parsed.ok) {
    process.stderr.write(`mutation-probe: ${parsed.error} (see --help)\n`);
    return 2;
  }
  const v = parsed.values;
  if (v["help"] === true) {
    const summary = "Runs the checker's probe searches on this build's core.\n"
      + "Exit: 0 all clean (survived), 1 killed, 2 bad usage, 3 a budget stopped a search.";
    process.stdout.write(helpText("node dist/checker/cli/mutation-probe-main.js", summary, probeFlags));
    return 0;
  }
  if (v["list"] === true) {
    for (const c of probeConfigs) process.stdout.write(`${c.name}: npm run check -- ${c.args.join(" ")}\n  ${c.why}\n`);
    return 0;
  }
  const only = typeof v["only"] === "string" ? v["only"].split(",").map((s) => s.trim()) : null;
  const unknown = only?.filter((name) => !probeConfigs.some((c) => c.name === name)) ?? [];
  if (unknown.length > 0) {
    const known = probeConfigs.map((c) => c.name).join(", ");
    process.stderr.write(`mutation-probe: --only: no config "${unknown[0]}" (known: ${known})\n`);
    return 2;
  }
  const configs = only === null ? probeConfigs : probeConfigs.filter((c) => only.includes(c.name));
  const result = await runProbe(configs, v["all"] === true);
  for (const r of result.verdicts) process.stdout.write(`mutation-probe: ${r.name}: ${r.reason} (${r.seconds} s)\n`);
  // The search that decided: the first that killed, else the first a budget stopped.
  const deciding = result.verdicts.find((r) => r.exitCode !== 0 && r.exitCode !== 3)
    ?? result.verdicts.find((r) => r.exitCode === 3) ?? null;
  const by = deciding === null ? "" : ` by ${deciding.name} (${deciding.reason})`;
  process.stdout.write(`mutation-probe: ${result.outcome}${result.outcome === "survived" ? "" : by}\n`);
  return result.outcome === "killed" ? 1 : result.outcome === "incomplete" ? 3 : 0;
}

process.exitCode = await main(process.argv.slice(2));
