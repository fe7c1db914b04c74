/** Running `replay-main` as a user does, for tests of its exit codes and output; and where the trace corpus lives. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { replayCommand } from "../../checker/cli/replay-command.js";

/** The repository root: this file runs from dist/test/support/. */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const replayMain = fileURLToPath(new URL("../../checker/cli/replay-main.js", import.meta.url));

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The command in this process (fast); relative paths resolve against the repository root. */
export function runReplay(args: readonly string[]): CliResult {
  let stdout = "";
  let stderr = "";
  const absolute = args.map((a) => (a.startsWith("traces/") ? path.join(repoRoot, a) : a));
  const status = replayCommand(absolute, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { status, stdout, stderr };
}

/** The real process, as `npm run replay` starts it: for exit codes and what reaches the terminal. */
export function spawnReplay(args: readonly string[]): CliResult {
  const r = spawnSync(process.execPath, [replayMain, ...args], { cwd: repoRoot, encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every trace file under traces/, relative to the repository root, sorted. */
export function corpusFiles(): string[] {
  const dir = path.join(repoRoot, "traces");
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".json")).map((f) => path.join("traces", f)).sort();
}

/** A mutant's trace from the corpus: it reproduces while the mutant is in its config and runs clean without it. */
export function mutantTrace(): string {
  const file = corpusFiles().find((f) => f.startsWith(path.join("traces", "mutants") + path.sep));
  if (file === undefined) throw new Error("traces/mutants/ holds no trace");
  return file;
}

/** A temporary copy of `file` with `edit` applied to its JSON. */
export function editedCopy(file: string, edit: (trace: Record<string, unknown>) => void, name = "edited.json"): string {
  const trace = JSON.parse(fs.readFileSync(path.join(repoRoot, file), "utf8")) as Record<string, unknown>;
  edit(trace);
  return writeTemp(name, JSON.stringify(trace));
}

export function writeTemp(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(process.env["TMPDIR"] ?? "/tmp"), "byzcommit-replay-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}
