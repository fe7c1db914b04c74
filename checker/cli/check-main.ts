/**
 * `npm run check -- [flags]`: the harness. Exit codes: 0 clean, 1 a violation or
 * a vacuous run (the witness "an honest participant decides" never reached),
 * 2 bad usage or bad input, 3 incomplete (a time, state or memory bound stopped
 * the search before its depth bound: never reported as clean, nor as vacuous),
 * 4 a violation was found but its trace could not be rebuilt (the checker's own fault).
 */
import { runCheckCommand } from "./check-command.js";

/**
 * Every mode judges a throw from the core as the violation "core-assertion" with a trace (BFS too, since
 * state-expander.ts catches it on the step). An exception that still escapes a search is the checker's own fault:
 * exit 4, said in one line, never a stack trace.
 */
function escaped(e: unknown): number {
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`check: the search stopped on an exception (the checker's own fault): ${message}; ` +
    `no trace was written\n`);
  return 4;
}

try {
  const code = runCheckCommand(process.argv.slice(2));
  if (typeof code === "number") process.exitCode = code;
  else void code.then((c) => { process.exitCode = c; }, (e: unknown) => { process.exitCode = escaped(e); });
} catch (e) {
  process.exitCode = escaped(e);
}
