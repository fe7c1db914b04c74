/** Parsing and strictly applying the unified diffs that carry the catalog's mutants (checker/mutants/). */
import assert from "node:assert/strict";
import { applyHunks, parseUnifiedDiff } from "../../../checker/mutants/unified-diff.js";

const file = ["a", "b", "c", "d", "e", "f", "g", ""].join("\n");

/** A patch of impl/core/x.ts: `d` becomes `D`, with one line of context on each side. */
const patch = [
  "A note for the reader, skipped.",
  "--- a/impl/core/x.ts",
  "+++ b/impl/core/x.ts",
  "@@ -3,3 +3,3 @@",
  " c",
  "-d",
  "+D",
  " e",
  "",
].join("\n");

function parsed(text: string) {
  const r = parseUnifiedDiff(text);
  if (!r.ok) assert.fail(r.error);
  return r.value;
}

describe("unified diff (checker/mutants/unified-diff.ts)", () => {
  it("parses the file and its hunk, skipping the note before the first header", () => {
    const [only, ...rest] = parsed(patch);
    assert.deepEqual(rest, []);
    assert.equal(only?.path, "impl/core/x.ts");
    assert.deepEqual(only?.hunks, [{ oldStart: 3, before: ["c", "d", "e"], after: ["c", "D", "e"] }]);
  });

  it("applies a hunk where its header says", () => {
    const r = applyHunks(file, parsed(patch)[0]?.hunks ?? []);
    assert.deepEqual(r, { ok: true, value: file.replace("d", "D") });
  });

  it("applies a hunk whose lines moved (lines added above it), unchanged", () => {
    const moved = `x\ny\n${file}`;
    const r = applyHunks(moved, parsed(patch)[0]?.hunks ?? []);
    assert.deepEqual(r, { ok: true, value: moved.replace("d", "D") });
  });

  it("refuses a hunk whose context changed: a stale patch never plants a different bug", () => {
    const r = applyHunks(file.replace("c", "C"), parsed(patch)[0]?.hunks ?? []);
    assert.deepEqual(r, { ok: false, error: "hunk 1 (old line 3) no longer matches" });
  });

  it("ends a hunk by its header's counts, so a removed line may start with \"--- \"", () => {
    const text = ["--- a/impl/core/x.ts", "+++ b/impl/core/x.ts", "@@ -1,1 +1,1 @@", "--- old", "+new",
      "--- a/impl/core/y.ts", "+++ b/impl/core/y.ts", "@@ -1 +1 @@", "-y", "+Y", ""].join("\n");
    const files = parsed(text);
    assert.deepEqual(files.map((f) => f.path), ["impl/core/x.ts", "impl/core/y.ts"]);
    assert.deepEqual(files[0]?.hunks[0]?.before, ["-- old"]);
  });

  it("rejects a diff without a header, a hunk shorter than its header, and new files, each in one line", () => {
    assert.deepEqual(parseUnifiedDiff("just words\n"), { ok: false, error: "no file patches (no \"--- \" header)" });
    const short = parseUnifiedDiff("--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\nzzz\n");
    assert.equal(short.ok, false);
    if (!short.ok) assert.match(short.error, /^line 5: hunk ends before its 3 old and 3 new lines$/);
    const created = parseUnifiedDiff("--- /dev/null\n+++ b/impl/core/new.ts\n@@ -0,0 +1 @@\n+x\n");
    assert.deepEqual(created, { ok: false, error: "line 1: a patch may only change existing files" });
  });
});
