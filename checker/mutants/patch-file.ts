/**
 * A mutant's patch on disk (checker/mutants/<name>.patch) and its application to
 * the sources of impl/core: the one place that says which files a mutant changes.
 * Every failure is one line naming the mutant and the file, with the way to refresh it.
 */
import fs from "node:fs";
import path from "node:path";
import type { DecodeResult } from "../../spec/decode-result.js";
import { applyHunks, parseUnifiedDiff } from "./unified-diff.js";

/** Where patches live, relative to the repository root. */
export const patchDir = path.join("checker", "mutants");

/** The folder a patch may change: the core, and nothing else. */
export const coreDir = "impl/core/";

export function patchPath(root: string, mutant: string): string {
  return path.join(root, patchDir, `${mutant}.patch`);
}

/** How to refresh a stale patch, said at the end of every error about one. */
export function refreshHint(mutant: string): string {
  return `refresh it: npm run mutants -- --edit ${mutant}, then --save ${mutant}`;
}

/** The patched text of every file the mutant's patch touches, keyed by path under the root. */
export function patchedFiles(root: string, mutant: string): DecodeResult<ReadonlyMap<string, string>> {
  const file = patchPath(root, mutant);
  const shown = path.relative(root, file);
  type Files = DecodeResult<ReadonlyMap<string, string>>;
  const fail = (why: string): Files => ({ ok: false, error: `mutant ${mutant}: ${why}` });
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    return fail(`cannot read ${shown}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const parsed = parseUnifiedDiff(text);
  if (!parsed.ok) return fail(`${shown}: ${parsed.error}`);
  const out = new Map<string, string>();
  for (const filePatch of parsed.value) {
    if (!filePatch.path.startsWith(coreDir)) return fail(`${shown} changes ${filePatch.path}, outside ${coreDir}`);
    const target = path.join(root, filePatch.path);
    if (!fs.existsSync(target)) {
      return fail(`${shown} changes ${filePatch.path}, which no longer exists; ${refreshHint(mutant)}`);
    }
    const applied = applyHunks(fs.readFileSync(target, "utf8"), filePatch.hunks);
    if (!applied.ok) {
      return fail(`${shown} no longer applies to ${filePatch.path}: ${applied.error}; ${refreshHint(mutant)}`);
    }
    out.set(filePatch.path, applied.value);
  }
  return { ok: true, value: out };
}
