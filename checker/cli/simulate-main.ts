/**
 * `npm run simulate -- [flags]`: one seeded run of the simulated world
 * (checker/simulate/simulate.ts) and its report. Exit codes: 0 the run completed,
 * 1 a safety invariant broke on the way, 2 bad usage (one line on stderr).
 */
import fs from "node:fs";
import { simulate } from "../simulate/simulate.js";
import { summarizeSimulation } from "../simulate/simulate-summary.js";
import { helpText, parseFlags } from "./flags.js";
import { simulateCommandFromFlags, simulateFlags } from "./simulate-options.js";
import { simulationJson, simulationLogLines, simulationText } from "./simulate-report.js";

function main(argv: readonly string[]): number {
  const parsed = parseFlags(argv, simulateFlags);
  if (!parsed.ok) return usage(parsed.error);
  if (parsed.values["help"] === true) {
    const about = "Runs the protocol once in a simulated, seeded, faulty network and reports\n" +
      "each participant's confirmation, the messages exchanged, and who was identified as faulty.\n" +
      "Exit: 0 done, 1 safety violation, 2 bad usage.";
    process.stdout.write(helpText("npm run simulate --", about, simulateFlags));
    return 0;
  }
  const command = simulateCommandFromFlags(parsed.values);
  if (!command.ok) return usage(command.error);
  const sim = simulate(command.value.input);
  if (!sim.ok) return usage(sim.error);
  const summary = summarizeSimulation(sim.value);
  if (command.value.logFile !== null) {
    try {
      fs.writeFileSync(command.value.logFile, simulationLogLines(sim.value));
    } catch (e) {
      return usage(`--log: cannot write ${command.value.logFile}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  }
  process.stdout.write(command.value.json
    ? `${simulationJson(sim.value, summary, command.value)}\n`
    : simulationText(sim.value, summary, command.value));
  return sim.value.violation === null ? 0 : 1;
}

function usage(error: string): number {
  process.stderr.write(`simulate: ${error} (see --help)\n`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
