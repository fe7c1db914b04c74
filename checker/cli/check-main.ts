/**
 * `npm run check -- [flags]`: the harness. Exit codes: 0 clean, 1 a violation or
 * a vacuous run (the witness "an honest participant decides" never reached),
 * 2 bad usage or bad input, 3 incomplete (a time, state or memory bound stopped
 * the search before its depth bound: never reported as clean, nor as vacuous),
 * 4 a violation was found but its trace could not be rebuilt (the checker's own fault).
 */
import { runCheckCommand } from "./check-command.js";

const code = runCheckCommand(process.argv.slice(2));
if (typeof code === "number") process.exitCode = code;
else void code.then((c) => { process.exitCode = c; });
