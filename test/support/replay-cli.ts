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

/** The corpus trace of `mutant` (by file name, see trace-file.ts writeTrace), or null. */
export function mutantTraceOf(mutant: string): string | null {
  const dir = path.join("traces", "mutants") + path.sep;
  const pattern = new RegExp(`^[a-z-]+?-${mutant}-[0-9a-f]{16}\\.json$`);
  const files = corpusFiles().filter((f) => f.startsWith(dir) && pattern.test(f.slice(dir.length)));
  if (files.length > 1) throw new Error(`traces/mutants/ holds ${files.length} traces of ${mutant}: keep one`);
  return files[0] ?? null;
}

/**
 * The mutant trace the replay and rendering tests use: vote-binds-seq-only's, short
 * and in view 0. It reproduces while the mutant is in its config and runs clean without it.
 */
export function mutantTrace(): string {
  const file = mutantTraceOf("vote-binds-seq-only");
  if (file === null) throw new Error("traces/mutants/ holds no vote-binds-seq-only trace");
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
