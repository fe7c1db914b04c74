/**
 * `npm run mutants -- [--json] [--only NAME] [--unmutated] [--out DIR]`: runs every
 * catalog entry's configured search with its mutant (checker/mutants/) and prints
 * the table: mutant, invariant expected and found, mode, depth or runs, states,
 * seconds, shrunk trace length. Exit 0 when every mutant is caught with the
 * invariant it names, 1 when one survives or breaks another invariant, 2 bad usage.
 * `--unmutated` runs the same searches on the unmutated core instead: each must
 * be clean (exit 1 otherwise), which shows the searches judge the rule, not noise.
 * `--gate` leaves out the entries whose `gap` says the checker cannot catch them yet:
 * CI runs that, so a change that lets a caught mutant survive fails the build, while
 * the full run keeps exiting 1 until every gap is closed.
 */
import { mutantCatalog } from "../mutants/catalog.js";
import { runCase, type CaseRow } from "../mutants/run-case.js";
import { helpText, parseFlags, type FlagSpec } from "./flags.js";
import { mutantTable } from "./mutant-table.js";

const mutantsFlags: readonly FlagSpec[] = [
  { name: "only", type: "string", help: "run one mutant of the catalog" },
  { name: "unmutated", type: "boolean", help: "run each search on the unmutated core: every row must be clean" },
  { name: "gate", type: "boolean", help: "run only the entries without a known gap, each of which must still be caught (what CI runs)" },
  { name: "out", type: "string", help: "directory for the shrunk counterexample traces", default: "traces/mutants/" },
  { name: "json", type: "boolean", help: "print one JSON object (the rows and the verdict) on stdout" },
  { name: "help", type: "boolean", help: "print this help" },
];

function main(argv: readonly string[]): number {
  const parsed = parseFlags(argv, mutantsFlags);
  if (!parsed.ok) {
    process.stderr.write(`mutants: ${parsed.error} (see --help)\n`);
    return 2;
  }
  const v = parsed.values;
  if (v["help"] === true) {
    process.stdout.write(helpText("npm run mutants --", "Runs the mutant catalog: every planted bug must be caught.\nExit: 0 all caught, 1 one survived or broke another invariant, 2 bad usage.", mutantsFlags));
    return 0;
  }
  const only = typeof v["only"] === "string" ? v["only"] : null;
  const gate = v["gate"] === true;
  const entries = mutantCatalog.filter((c) => (only === null || c.mutant === only) && (!gate || c.gap === undefined));
  if (entries.length === 0 && gate && only !== null && mutantCatalog.some((c) => c.mutant === only)) {
    process.stderr.write(`mutants: --gate leaves out "${only}": the checker cannot catch it yet (see its gap)\n`);
    return 2;
  }
  if (entries.length === 0) {
    process.stderr.write(`mutants: --only: no catalog entry "${only}" (known: ${mutantCatalog.map((c) => c.mutant).join(", ")})\n`);
    return 2;
  }
  const mutated = v["unmutated"] !== true;
  const outDir = typeof v["out"] === "string" ? v["out"] : "traces/mutants/";
  const rows: CaseRow[] = [];
  for (const entry of entries) {
    process.stderr.write(`mutants: ${entry.mutant}${mutated ? "" : " (unmutated)"} ...\n`);
    rows.push(runCase(entry, outDir, mutated));
  }
  const good = rows.every((r) => r.status === (mutated ? "caught" : "clean"));
  if (v["json"] === true) process.stdout.write(`${JSON.stringify({ mutated, ok: good, rows })}\n`);
  else process.stdout.write(mutantTable(rows, mutated));
  return good ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
