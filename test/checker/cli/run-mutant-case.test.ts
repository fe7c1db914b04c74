/**
 * One catalog entry's search (checker/cli/run-mutant-case.ts): bounded by the entry's counts, its verdict the same
 * whatever the wall clock says, and the wall clock only a safety net whose stop is a status of its own.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { mutantCatalog } from "../../../checker/mutants/catalog.js";
import type { MutantCase } from "../../../checker/mutants/mutant-case.js";
import { caseSafetyNetSeconds, runCase, searchOf, type CaseRow } from "../../../checker/cli/run-mutant-case.js";

const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), "byzcommit-run-mutant-case-"));

function entryNamed(name: string): MutantCase {
  const entry = mutantCatalog.find((c) => c.mutant === name);
  assert.ok(entry !== undefined, name);
  return entry;
}

/** `entry` with its runs (or excursions) set to `runs`: a short control of the same search. */
function withRuns(entry: MutantCase, runs: number): MutantCase {
  const search = [...entry.search];
  search[search.indexOf("--runs") + 1] = String(runs);
  return { ...entry, search };
}

/** The row without what the wall clock sets (its seconds) or names the net (its command). */
const countsOf = ({ seconds: _seconds, command: _command, ...rest }: CaseRow) => rest;

describe("one catalog entry's search", () => {
  it("is bounded by its counts: a depth or runs, no wall-clock budget of its own, the safety net at 600 s", () => {
    assert.equal(caseSafetyNetSeconds, 600);
    for (const entry of mutantCatalog) {
      assert.ok(!entry.search.includes("--max-seconds"), entry.mutant);
      const { bounds, mode } = searchOf(entry, true);
      assert.ok(entry.search.includes(mode === "bfs" ? "--depth" : "--runs"), entry.mutant);
      assert.equal(bounds.secondsMax, caseSafetyNetSeconds, entry.mutant);
      assert.equal(searchOf(entry, true, { safetyNetSeconds: 5 }).bounds.secondsMax, 5);
    }
  });

  it("refuses an entry that brings a wall-clock budget or drops the depth bound, in one line", () => {
    const entry = entryNamed("convict-on-timeout");
    assert.throws(() => searchOf({ ...entry, search: [...entry.search, "--max-seconds", "60"] }, true),
      /^Error: catalog entry convict-on-timeout: --max-seconds \(its counts bound it\)$/);
    assert.throws(() => searchOf({ ...entry, search: ["--exhaustive"] }, false),
      /^Error: catalog entry convict-on-timeout: --exhaustive \(its counts bound it\)$/);
  });

  it("gives the same verdict and figures under any safety net it does not meet: only the seconds differ", () => {
    const entry = withRuns(entryNamed("convict-on-timeout"), 30);
    const first = runCase(entry, tempDir(), false);
    const again = runCase(entry, tempDir(), false, { safetyNetSeconds: 86_400 });
    assert.equal(first.status, "clean", first.verdict);
    assert.equal(first.states, 30);
    assert.deepEqual(countsOf(again), countsOf(first));
    assert.match(again.command, / --max-seconds 86400$/);
  });

  it("calls a search the safety net stopped incomplete, neither clean nor dirty, with fewer runs than asked", () => {
    // 1,000 runs of ~25 ms each cannot end within the 1 s net: it stops the search, whatever the load.
    const row = runCase(entryNamed("convict-on-timeout"), tempDir(), false, { safetyNetSeconds: 1 });
    assert.equal(row.status, "incomplete");
    assert.equal(row.verdict, "incomplete");
    assert.equal(row.found, null);
    assert.ok(row.states < row.bound, `${row.states} runs of ${row.bound}`);
  });
});
