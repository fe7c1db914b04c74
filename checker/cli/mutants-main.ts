/**
 * `npm run mutants -- [--json] [--only NAME] [--unmutated] [--out DIR] [--max-seconds S]`: runs every
 * catalog entry's configured search with its mutant (checker/mutants/) and prints
 * the table: mutant, invariant expected and found, mode, depth or runs, states,
 * seconds (measured, never a bound), shrunk trace length. Each search is bounded by its
 * entry's counts; `--max-seconds` (600) is only a safety net, and a search it stops is
 * incomplete. Exit 0 when every mutant is caught with the invariant it names, 1 when one
 * survives or breaks another invariant, 3 when none did but the safety net stopped a
 * search, 2 bad usage.
 * `--unmutated` runs the same searches on the unmutated core instead: each must
 * be clean (exit 1 otherwise), which shows the searches judge the rule, not noise.
 * `--gate` leaves out the entries whose `gap` says the checker cannot catch them yet:
 * CI runs that, so a change that lets a caught mutant survive fails the build, while
 * the full run keeps exiting 1 until every gap is closed.
 *
 * Each mutant is a patch (checker/mutants/<name>.patch) applied to a scratch copy
 * of the built checker (patched-build.ts); its search runs in that copy. A patch
 * that no longer applies is reported in one line naming the mutant and the file
 * (exit 2). `--edit NAME` lays out an editable patched copy of the core under
 * scratch/mutants/NAME/ and `--save NAME` writes the edited copy back as the patch.
 */
import type { MutantCase } from "../mutants/mutant-case.js";
import { mutantCatalog } from "../mutants/catalog.js";
import { editPatch, savePatch } from "../mutants/edit-patch.js";
import { buildPatched, thisRoot } from "../mutants/patched-build.js";
import { caseSafetyNetSeconds, runCase, type CaseOptions, type CaseRow } from "./run-mutant-case.js";
import { helpText, intFlag, parseFlags, type FlagSpec } from "./flags.js";
import { exitCodes } from "./verdict.js";
import { mutantTable } from "./mutant-table.js";

const mutantsFlags: readonly FlagSpec[] = [
  { name: "only", type: "string", help: "run one mutant of the catalog" },
  { name: "unmutated", type: "boolean", help: "run each search on the unmutated core: every row must be clean" },
  {
    name: "gate", type: "boolean",
    help: "run only the entries without a known gap, each of which must still be caught (what CI runs)",
  },
  { name: "out", type: "string", help: "directory for the shrunk counterexample traces", default: "traces/mutants/" },
  {
    name: "max-seconds", type: "string", default: String(caseSafetyNetSeconds),
    help: "safety net: a search still running after this wall time stops, and its row is incomplete (exit 3)",
  },
  { name: "json", type: "boolean", help: "print one JSON object (the rows and the verdict) on stdout" },
  { name: "edit", type: "string", help: "lay out scratch/mutants/NAME/ with NAME's patch applied, to edit" },
  { name: "save", type: "string", help: "write the edited scratch/mutants/NAME/ back as checker/mutants/NAME.patch" },
  { name: "help", type: "boolean", help: "print this help" },
];

/** The entry's row: its search in the mutant's patched build, or (unmutated) in this one. Throws on a stale patch. */
async function rowOf(entry: MutantCase, outDir: string, mutated: boolean, options: CaseOptions): Promise<CaseRow> {
  if (!mutated) return runCase(entry, outDir, false, options);
  const built = buildPatched(entry.mutant);
  if (!built.ok) throw new Error(built.error);
  try {
    const patched = await built.value.load<typeof import("./run-mutant-case.js")>("checker/cli/run-mutant-case.js");
    return patched.runCase(entry, outDir, true, options);
  } finally {
    built.value.dispose();
  }
}

/** `--edit NAME` or `--save NAME`: exit 0 with what was done, or 2 with one line. */
function editOrSave(edit: string | null, save: string | null): number {
  const name = edit ?? save ?? "";
  if (!mutantCatalog.some((c) => c.mutant === name)) {
    process.stderr.write(`mutants: --${edit !== null ? "edit" : "save"}: no catalog entry "${name}"\n`);
    return 2;
  }
  if (edit !== null) {
    process.stdout.write(`${editPatch(thisRoot, name)}\n`);
    return 0;
  }
  const saved = savePatch(thisRoot, name);
  if (!saved.ok) {
    process.stderr.write(`mutants: ${saved.error}\n`);
    return 2;
  }
  process.stdout.write(`wrote ${saved.value}\n`);
  return 0;
}

/**
 * Not all good: 1 when a row has a verdict against the catalog (survived, caught-other, dirty), which a stopped
 * search cannot undo; else 3, with one line naming the searches the safety net stopped.
 */
function exitOf(rows: readonly CaseRow[], netSeconds: number): number {
  const stopped = rows.filter((r) => r.status === "incomplete");
  if (stopped.length < rows.filter((r) => r.status !== "caught" && r.status !== "clean").length) return 1;
  const names = stopped.map((r) => r.mutant).join(", ");
  const its = stopped.length === 1 ? "its" : "their";
  process.stderr.write(`mutants: incomplete: the ${netSeconds} s safety net stopped ${names} before ${its} counts\n`);
  return exitCodes.incomplete;
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseFlags(argv, mutantsFlags);
  if (!parsed.ok) {
    process.stderr.write(`mutants: ${parsed.error} (see --help)\n`);
    return 2;
  }
  const v = parsed.values;
  if (v["help"] === true) {
    const about = "Runs the mutant catalog: every planted bug must be caught.\n"
      + "Exit: 0 all caught, 1 one survived or broke another invariant, 2 bad usage,\n"
      + "3 none did but the safety net (--max-seconds) stopped a search before its counts.";
    process.stdout.write(helpText("npm run mutants --", about, mutantsFlags));
    return 0;
  }
  const edit = typeof v["edit"] === "string" ? v["edit"] : null;
  const save = typeof v["save"] === "string" ? v["save"] : null;
  if (edit !== null || save !== null) return editOrSave(edit, save);
  const only = typeof v["only"] === "string" ? v["only"] : null;
  const gate = v["gate"] === true;
  const entries = mutantCatalog.filter((c) => (only === null || c.mutant === only) && (!gate || c.gap === undefined));
  if (entries.length === 0 && gate && only !== null && mutantCatalog.some((c) => c.mutant === only)) {
    process.stderr.write(`mutants: --gate leaves out "${only}": the checker cannot catch it yet (see its gap)\n`);
    return 2;
  }
  if (entries.length === 0) {
    const known = mutantCatalog.map((c) => c.mutant).join(", ");
    process.stderr.write(`mutants: --only: no catalog entry "${only}" (known: ${known})\n`);
    return 2;
  }
  const net = intFlag(v, "max-seconds", caseSafetyNetSeconds, 1, 86_400);
  if (!net.ok) {
    process.stderr.write(`mutants: ${net.error}\n`);
    return 2;
  }
  const options: CaseOptions = { safetyNetSeconds: net.value };
  const mutated = v["unmutated"] !== true;
  const outDir = typeof v["out"] === "string" ? v["out"] : "traces/mutants/";
  const rows: CaseRow[] = [];
  for (const entry of entries) {
    process.stderr.write(`mutants: ${entry.mutant}${mutated ? "" : " (unmutated)"} ...\n`);
    try {
      rows.push(await rowOf(entry, outDir, mutated, options));
    } catch (e) {
      process.stderr.write(`mutants: ${(e as Error).message}\n`);
      return 2;
    }
  }
  const good = rows.every((r) => r.status === (mutated ? "caught" : "clean"));
  if (v["json"] === true) process.stdout.write(`${JSON.stringify({ mutated, ok: good, rows })}\n`);
  else process.stdout.write(mutantTable(rows, mutated));
  return good ? 0 : exitOf(rows, net.value);
}

process.exitCode = await main(process.argv.slice(2));
