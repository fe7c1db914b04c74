/**
 * Unified diffs, as `git diff` writes them, parsed and applied: each mutant of the
 * catalog is a patch against impl/core (checker/mutants/<name>.patch), so the core
 * carries no test switches. Applying is strict: every hunk's context and removed
 * lines must match the file exactly (the hunk may have moved, never changed), so a
 * patch written against an older core fails loudly instead of planting a different bug.
 */
import type { DecodeResult } from "../../spec/decode-result.js";

export interface Hunk {
  /** 1-based line of the hunk's first old line, as its `@@ -start,count` header says. */
  readonly oldStart: number;
  /** The lines that must be there (context and removed), without their prefix. */
  readonly before: readonly string[];
  /** The lines that replace them (context and added). */
  readonly after: readonly string[];
}

export interface FilePatch {
  /** The file's path relative to the repository root, from the `+++ b/...` header. */
  readonly path: string;
  readonly hunks: readonly Hunk[];
}

const hunkHeader = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,(\d+))? @@/;

/** Strips the `a/` or `b/` prefix git puts on diff paths. */
function headerPath(line: string): string {
  const raw = (line.slice(4).split("\t")[0] ?? "").trim();
  return raw.startsWith("a/") || raw.startsWith("b/") ? raw.slice(2) : raw;
}

/**
 * The file patches of `text`. Lines before the first `--- ` header (a note for the
 * reader), `diff --git` and `index` lines are ignored. Errors are one line.
 */
export function parseUnifiedDiff(text: string): DecodeResult<readonly FilePatch[]> {
  const lines = text.split("\n");
  const files: FilePatch[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (!line.startsWith("--- ")) { i++; continue; }
    const plus = lines[i + 1] ?? "";
    if (!plus.startsWith("+++ ")) return { ok: false, error: `line ${i + 2}: expected "+++ " after "--- "` };
    const target = headerPath(plus);
    if (target === "/dev/null" || headerPath(line) === "/dev/null") {
      return { ok: false, error: `line ${i + 1}: a patch may only change existing files` };
    }
    i += 2;
    const hunks: Hunk[] = [];
    while (i < lines.length && hunkHeader.test(lines[i] as string)) {
      const header = hunkHeader.exec(lines[i] as string) as RegExpExecArray;
      const oldStart = Number(header[1]);
      // The header's line counts end the hunk: a removed line may itself start with "--- ".
      const oldCount = header[2] === undefined ? 1 : Number(header[2]);
      const newCount = header[3] === undefined ? 1 : Number(header[3]);
      const before: string[] = [];
      const after: string[] = [];
      i++;
      for (; i < lines.length && (before.length < oldCount || after.length < newCount); i++) {
        const body = lines[i] as string;
        const tag = body[0];
        // An empty line is an empty context line whose leading space an editor trimmed.
        if (tag === " " || body === "") { before.push(body.slice(1)); after.push(body.slice(1)); }
        else if (tag === "-") before.push(body.slice(1));
        else if (tag === "+") after.push(body.slice(1));
        else if (tag !== "\\") {
          return { ok: false, error: `line ${i + 1}: hunk ends before its ${oldCount} old and ${newCount} new lines` };
        }
      }
      if (lines[i]?.startsWith("\\") === true) i++;
      if (before.length !== oldCount || after.length !== newCount) {
        const counts = `${before.length} old and ${after.length} new lines, header says ${oldCount} and ${newCount}`;
        return { ok: false, error: `line ${i}: hunk has ${counts}` };
      }
      hunks.push({ oldStart, before, after });
    }
    if (hunks.length === 0) return { ok: false, error: `${target}: no hunks` };
    files.push({ path: target, hunks });
  }
  if (files.length === 0) return { ok: false, error: "no file patches (no \"--- \" header)" };
  return { ok: true, value: files };
}

function matchesAt(lines: readonly string[], at: number, expected: readonly string[]): boolean {
  if (at < 0 || at + expected.length > lines.length) return false;
  return expected.every((line, k) => lines[at + k] === line);
}

/** Where `hunk` applies: its stated line (shifted by earlier hunks) first, then the nearest match; -1 if none. */
function locate(lines: readonly string[], hunk: Hunk, shift: number, from: number): number {
  const stated = hunk.oldStart - 1 + shift;
  for (let distance = 0; distance <= lines.length; distance++) {
    for (const at of distance === 0 ? [stated] : [stated - distance, stated + distance]) {
      if (at >= from && matchesAt(lines, at, hunk.before)) return at;
    }
  }
  return -1;
}

/** `text` with every hunk applied in order, or which hunk (1-based) no longer matches and at what line. */
export function applyHunks(text: string, hunks: readonly Hunk[]): DecodeResult<string> {
  let lines = text.split("\n");
  let shift = 0;
  let from = 0;
  for (const [k, hunk] of hunks.entries()) {
    const at = locate(lines, hunk, shift, from);
    if (at < 0) return { ok: false, error: `hunk ${k + 1} (old line ${hunk.oldStart}) no longer matches` };
    lines = [...lines.slice(0, at), ...hunk.after, ...lines.slice(at + hunk.before.length)];
    shift += at - (hunk.oldStart - 1 + shift) + hunk.after.length - hunk.before.length;
    from = at + hunk.after.length;
  }
  return { ok: true, value: lines.join("\n") };
}
