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
  const bad = rows.filter((r) => r.status !== (mutated ? "caught" : "clean"));
  const total = rows.reduce((sum, r) => sum + r.seconds, 0);
  const badMutants = bad.map((r) => `${r.mutant} (${r.status})`).join(", ");
  const verdict = mutated
    ? bad.length === 0 ? `all ${rows.length} mutants caught`
      : `${bad.length} of ${rows.length} not caught as expected: ${badMutants}`
    : bad.length === 0 ? `the unmutated core is clean under all ${rows.length} searches`
      : `the unmutated core is not clean under: ${bad.map((r) => r.mutant).join(", ")}`;
  const gaps = mutated
    ? rows.filter((r) => r.status === "survived")
      .map((r) => `${r.mutant} survives: ${r.gap ?? "no note in the catalog"}`)
    : [];
  return `${lines.join("\n")}\n\n${[...gaps, `${verdict}; ${total.toFixed(1)} s in all`].join("\n")}\n`;
}
