/**
 * A seeded sample of impl/core's code lines for a sampled mutation pass: Stryker mutates only what lies in
 * the `file:line-line` ranges it is given, so every mutant on a drawn line is tested and none elsewhere (a
 * cluster sample by line). Lines that can hold no mutant (blank, comment, import, a lone brace) are never
 * drawn; lines inside type declarations may be, and simply yield none.
 */
import { makeRng, shuffled } from "../engine/prng.js";

export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

export interface SampledLine {
  readonly path: string;
  /** 1-based, as Stryker's ranges count. */
  readonly line: number;
}

/** True for a line that may hold code: not blank, not a comment, not an import, not only closing brackets. */
export function mayHoldCode(line: string): boolean {
  const t = line.trim();
  if (t === "" || /^[})\];,]+$/.test(t)) return false;
  return !(t.startsWith("//") || t.startsWith("/*") || t.startsWith("*") || t.startsWith("import "));
}

/** `count` distinct lines drawn uniformly (seeded) from the files' code lines, in file and line order. */
export function sampleLines(files: readonly SourceFile[], count: number, seed: number): SampledLine[] {
  const candidates: SampledLine[] = [];
  for (const file of files) {
    file.text.split("\n").forEach((text, i) => {
      if (mayHoldCode(text)) candidates.push({ path: file.path, line: i + 1 });
    });
  }
  const drawn = shuffled(makeRng(seed), candidates).slice(0, count);
  return drawn.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
}

/** Stryker's `--mutate` value for the drawn lines: one `file:line-line` range each. */
export function mutateRanges(lines: readonly SampledLine[]): string {
  return lines.map((l) => `${l.path}:${l.line}-${l.line}`).join(",");
}
