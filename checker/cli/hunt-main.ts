/**
 * `npm run hunt -- [--seconds N] [--jobs J] [--only a,b] [--out DIR] [--json]`: the bug hunt. Runs the portfolio
 * (checker/search/hunt-portfolio.ts) as separate `npm run check` processes, J at a time, splitting N seconds of
 * wall time evenly, and reports each search's verdict, trace and re-run line. A search stopped by its budget is
 * the normal end of a hunt ("nothing found in the time"), not a failure.
 * Exit: 0 nothing found, 1 a violation (or a search vacuous), 2 bad usage, 4 a search failed to run or to report.
 */
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { decodeWith } from "../../spec/decode-result.js";
import { RunSummary } from "../../spec/run-summary.js";
import { huntPortfolio, type HuntSearch } from "../search/hunt-portfolio.js";
import { helpText, intFlag, parseFlags, type FlagSpec } from "./flags.js";

const flags: readonly FlagSpec[] = [
  { name: "seconds", type: "string", help: "wall-clock budget of the whole hunt", default: "300" },
  { name: "jobs", type: "string", help: "searches run at once (default: the machine's cores)" },
  { name: "only", type: "string", help: `searches to run, comma-separated, of ${huntPortfolio.map((s) => s.name)}` },
  { name: "out", type: "string", help: "directory for counterexample traces", default: "traces" },
  { name: "json", type: "boolean", help: "print one JSON object (each search's verdict) on stdout" },
  { name: "help", type: "boolean", help: "print this help" },
];

interface Outcome {
  readonly name: string;
  readonly verdict: RunSummary["verdict"] | "error";
  readonly invariant: string | null;
  readonly trace: string | null;
  readonly rerun: string | null;
  readonly seconds: number;
  readonly error: string | null;
}

const checkMain = path.join(path.dirname(fileURLToPath(import.meta.url)), "check-main.js");

/** One search as a child process; its `--json` summary decoded at the edge. */
function runSearch(search: HuntSearch, seconds: number, out: string): Promise<Outcome> {
  const args = [checkMain, ...search.args, "--max-seconds", String(seconds), "--out", out, "--json"];
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on("data", (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4096); });
    child.on("close", () => {
      const elapsed = (Date.now() - started) / 1000;
      const failed = (error: string): Outcome =>
        ({ name: search.name, verdict: "error", invariant: null, trace: null, rerun: null, seconds: elapsed, error });
      const line = stdout.trim().split("\n").pop() ?? "";
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        const last = stderr.trim().split("\n").filter((l) => !l.startsWith("[")).pop();
        resolve(failed(`no summary (${last ?? "no output"})`));
        return;
      }
      const decoded = decodeWith(RunSummary, json);
      if (!decoded.ok) {
        resolve(failed(`bad summary: ${decoded.error}`));
        return;
      }
      const s = decoded.value;
      const rerun = (json as { rerun?: unknown }).rerun;
      resolve({
        name: search.name, verdict: s.verdict, invariant: s.violations[0]?.invariant ?? null, trace: s.trace,
        rerun: typeof rerun === "string" ? rerun : `npm run check -- ${search.args.join(" ")}`, seconds: elapsed,
        error: null,
      });
    });
  });
}

/** Runs `searches` `jobs` at a time, in portfolio order. */
async function runAll(searches: readonly HuntSearch[], jobs: number, seconds: number, out: string):
  Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(searches.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < searches.length) {
      const i = next++;
      outcomes[i] = await runSearch(searches[i] as HuntSearch, seconds, out);
      process.stderr.write(`hunt: ${outcomes[i]?.name} ${outcomes[i]?.verdict}\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, searches.length) }, worker));
  return outcomes;
}

function report(outcomes: readonly Outcome[], total: number): string {
  const found = outcomes.filter((o) => o.verdict === "violation");
  const out = [`byzcommit hunt: ${outcomes.length} searches, ${total} s: ` +
    (found.length > 0 ? `VIOLATION found by ${found.map((o) => o.name).join(", ")}` : "no violation found")];
  for (const o of outcomes) {
    const what = o.verdict === "violation" ? `VIOLATION of ${o.invariant}; trace ${o.trace}`
      : o.verdict === "incomplete" ? "nothing found within its budget" : o.verdict === "error" ? `ERROR: ${o.error}`
      : o.verdict;
    out.push(`  ${o.name.padEnd(22)} ${o.seconds.toFixed(1).padStart(6)} s  ${what}`);
    if (o.verdict === "violation" && o.rerun !== null) out.push(`    re-run: ${o.rerun}`);
  }
  return `${out.join("\n")}\n`;
}

function selected(only: string | undefined): { ok: true; value: HuntSearch[] } | { ok: false; error: string } {
  if (only === undefined) return { ok: true, value: [...huntPortfolio] };
  const names = only.split(",").map((n) => n.trim()).filter((n) => n !== "");
  const unknown = names.filter((n) => !huntPortfolio.some((s) => s.name === n));
  if (names.length === 0 || unknown.length > 0) {
    return { ok: false, error: `--only takes names of ${huntPortfolio.map((s) => s.name).join(", ")}, ` +
      `got "${unknown[0] ?? only}"` };
  }
  return { ok: true, value: huntPortfolio.filter((s) => names.includes(s.name)) };
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseFlags(argv, flags);
  const fail = (error: string): number => {
    process.stderr.write(`hunt: ${error} (see --help)\n`);
    return 2;
  };
  if (!parsed.ok) return fail(parsed.error);
  const v = parsed.values;
  if (v["help"] === true) {
    process.stdout.write(helpText("npm run hunt --", "Runs the bug-hunting portfolio of checker searches within a " +
      "time budget.\nExit: 0 nothing found, 1 violation or vacuous, 2 bad usage, 4 a search failed to run.", flags));
    return 0;
  }
  const seconds = intFlag(v, "seconds", 300, 10, 7 * 24 * 3600);
  if (!seconds.ok) return fail(seconds.error);
  const jobs = intFlag(v, "jobs", Math.max(1, availableParallelism()), 1, 64);
  if (!jobs.ok) return fail(jobs.error);
  const searches = selected(typeof v["only"] === "string" ? v["only"] : undefined);
  if (!searches.ok) return fail(searches.error);
  const rounds = Math.ceil(searches.value.length / jobs.value);
  // Each search's share of the wall time; the checker stops a few seconds past it while it shrinks and writes.
  const share = Math.max(5, Math.floor(seconds.value / rounds));
  const out = typeof v["out"] === "string" ? v["out"] : "traces";
  const outcomes = await runAll(searches.value, jobs.value, share, out);
  if (v["json"] === true) process.stdout.write(`${JSON.stringify({ seconds: seconds.value, share, outcomes })}\n`);
  else process.stdout.write(report(outcomes, seconds.value));
  if (outcomes.some((o) => o.verdict === "violation" || o.verdict === "vacuous")) return 1;
  return outcomes.some((o) => o.verdict === "error") ? 4 : 0;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
  process.stderr.write(`hunt: ${(e as Error).message.split("\n")[0]}\n`);
  process.exitCode = 4;
});
