/** The table `npm run mutants` prints: Markdown, so the README can hold it verbatim. */
import type { CaseRow } from "./run-mutant-case.js";

const header = [
  "mutant", "expected", "found", "mode", "depth, runs or excursions", "states (bfs), runs executed or excursions run",
  "seconds", "trace steps", "status",
];
const boundName = { bfs: "depth", random: "runs", coverage: "excursions" } as const;

function cells(r: CaseRow): string[] {
  return [
    `\`${r.mutant}\``, r.expected, r.found ?? "—", r.mode, `${boundName[r.mode]} ${r.bound}`,
    String(r.states), r.seconds.toFixed(1), r.traceSteps === null ? "—" : String(r.traceSteps), r.status,
  ];
}

export function mutantTable(rows: readonly CaseRow[], mutated: boolean): string {
  const lines = [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${cells(r).join(" | ")} |`),
  ];
  // A row the safety net stopped has no verdict: it is named apart, neither caught nor missed.
  const stopped = rows.filter((r) => r.status === "incomplete");
  const judged = rows.length - stopped.length;
  const bad = rows.filter((r) => r.status !== (mutated ? "caught" : "clean") && r.status !== "incomplete");
  const total = rows.reduce((sum, r) => sum + r.seconds, 0);
  const badMutants = bad.map((r) => `${r.mutant} (${r.status})`).join(", ");
  const verdict = judged === 0 ? "no verdict: every search was stopped" : mutated
    ? bad.length === 0 ? `all ${judged} mutants caught`
      : `${bad.length} of ${judged} not caught as expected: ${badMutants}`
    : bad.length === 0 ? `the unmutated core is clean under all ${judged} searches`
      : `the unmutated core is not clean under: ${bad.map((r) => r.mutant).join(", ")}`;
  const incomplete = stopped.length === 0 ? [] : [
    `${stopped.length} incomplete, the safety net stopped the search before its counts: `
    + stopped.map((r) => r.mutant).join(", "),
  ];
  const gaps = mutated
    ? rows.filter((r) => r.status === "survived")
      .map((r) => `${r.mutant} survives: ${r.gap ?? "no note in the catalog"}`)
    : [];
  const summary = `${verdict}; ${total.toFixed(1)} s in all (measured; the verdicts rest on counts)`;
  return `${lines.join("\n")}\n\n${[...gaps, ...incomplete, summary].join("\n")}\n`;
}
