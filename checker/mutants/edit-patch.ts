/**
 * Refreshing a mutant's patch when the core moved under it (other changes to
 * impl/core make old hunks stop matching): `npm run mutants -- --edit NAME` lays
 * a copy of today's core under scratch/mutants/NAME/ with the patch applied where
 * it still applies; after editing that copy, `--save NAME` writes its difference
 * from impl/core back as checker/mutants/NAME.patch (`git diff --no-index`).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { DecodeResult } from "../../spec/decode-result.js";
import { coreDir, patchedFiles, patchPath } from "./patch-file.js";

/** The editable copy of the core for `mutant`, relative to the repository root. */
export function editDir(mutant: string): string {
  return path.join("scratch", "mutants", mutant);
}

/** The patch file's first lines: what it is and how to refresh it (the parser skips them). */
function patchNote(mutant: string): string {
  return `Mutant ${mutant}: a patch against ${coreDir} (what it breaks: ${mutant}.ts).\n` +
    `Refresh: npm run mutants -- --edit ${mutant}\n  then edit ${editDir(mutant)}/${coreDir}\n` +
    `  then npm run mutants -- --save ${mutant}\n`;
}

/**
 * Lays out the editable copy. Returns what to tell the user: where it is, and
 * whether the stored patch applied (if not, the copy is today's core unpatched).
 */
export function editPatch(root: string, mutant: string): string {
  const dir = path.join(root, editDir(mutant));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(root, coreDir), path.join(dir, coreDir), { recursive: true });
  const files = patchedFiles(root, mutant);
  if (!files.ok) {
    const old = path.relative(root, patchPath(root, mutant));
    return `${files.error}\nlaid out today's core unpatched in ${editDir(mutant)}/: ` +
      `make the change by hand (the old patch is ${old}), then --save ${mutant}`;
  }
  for (const [file, text] of files.value) fs.writeFileSync(path.join(dir, file), text);
  return `laid out the patched core in ${editDir(mutant)}/${coreDir}: edit it, ` +
    `then npm run mutants -- --save ${mutant}`;
}

/** Keeps `git diff --no-index`'s ---/+++ headers and hunks, with both sides named as the core's path. */
function normalized(diff: string, mutant: string): string {
  const edited = `${editDir(mutant).split(path.sep).join("/")}/`;
  return diff.split("\n")
    .filter((line) => !line.startsWith("diff --git ") && !line.startsWith("index "))
    .map((line) => (line.startsWith("+++ b/") ? `+++ b/${line.slice("+++ b/".length).replace(edited, "")}` : line))
    .join("\n");
}

/** Writes the edited copy's difference from impl/core as the mutant's patch; the patch's path, or a one-line error. */
export function savePatch(root: string, mutant: string): DecodeResult<string> {
  const edited = path.join(editDir(mutant), coreDir);
  if (!fs.existsSync(path.join(root, edited))) {
    const hint = `run npm run mutants -- --edit ${mutant} first`;
    return { ok: false, error: `mutant ${mutant}: no edited copy in ${edited}: ${hint}` };
  }
  const r = spawnSync("git", ["diff", "--no-index", "--src-prefix=a/", "--dst-prefix=b/", "--", coreDir, edited],
    { cwd: root, encoding: "utf8" });
  if (r.error !== undefined) return { ok: false, error: `mutant ${mutant}: cannot run git diff: ${r.error.message}` };
  const fail = (why: string): DecodeResult<string> => ({ ok: false, error: `mutant ${mutant}: ${why}` });
  if (r.status === 0) return fail(`${edited} does not differ from ${coreDir}: nothing to save`);
  if (r.status !== 1) return fail(`git diff failed: ${r.stderr.split("\n")[0] ?? ""}`);
  if (/^(new|deleted) file mode/m.test(r.stdout)) return fail(`a patch may only change existing files of ${coreDir}`);
  const file = patchPath(root, mutant);
  fs.writeFileSync(file, patchNote(mutant) + normalized(r.stdout, mutant));
  return { ok: true, value: path.relative(root, file) };
}
