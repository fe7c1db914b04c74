/**
 * TigerBeetle's `tidy`, for byzcommit's layering (STYLE.md "Never", DESIGN.md §1):
 *
 * - impl/core is pure: no clock, randomness, timers, I/O, process, console,
 *   CommonJS require, async/await or Promise, no node built-in modules, and no
 *   imports from checker/ or impl/net/ (imports only point down: impl/core → spec).
 * - impl/core carries no test hooks: the word "mutant" appears nowhere in it, not
 *   even in a comment (the catalog's mutants are patches, checker/mutants/*.patch).
 * - impl/core has no circular runtime imports.
 * - spec imports nothing from impl/ or checker/.
 * - checker/ is layered by folder (checkerLayers below): a folder imports only
 *   folders below it; the engine imports nothing of the protocol (no impl/, no
 *   spec/, no other checker folder) and no node built-ins; no import cycles at all
 *   in checker/, type-only imports included; no file sits loose in checker/.
 * - No line of a .ts file runs past 120 characters (#14 part 5; .editorconfig says the same to editors),
 *   checked under lineCheckedRoots; every .ts file of the repo sits under a checked root.
 *
 * Names are matched in code only: comments and string contents are blanked first,
 * so a comment may still say "no Date.now() here".
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";

const root = process.cwd();

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, dir)).sort()) {
    const rel = path.posix.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...tsFiles(rel));
    else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) out.push(rel);
  }
  return out;
}

/**
 * Blanks comments (always) and the contents of string, template and regex
 * literals (when `strings`), keeping every newline so line numbers stay right.
 */
export function blank(source: string, strings: boolean): string {
  let out = "";
  let i = 0;
  let lastSignificant = "";
  const keep = (text: string): void => { out += text; };
  const hide = (text: string): void => { out += text.replace(/[^\n]/g, " "); };
  while (i < source.length) {
    const c = source[i] as string;
    const next = source[i + 1];
    if (c === "/" && next === "/") {
      const end = source.indexOf("\n", i);
      const stop = end === -1 ? source.length : end;
      hide(source.slice(i, stop));
      i = stop;
    } else if (c === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end === -1 ? source.length : end + 2;
      hide(source.slice(i, stop));
      i = stop;
    } else if (c === "\"" || c === "'" || c === "`" || (c === "/" && /^$|[(,=:[!&|?{};]$/.test(lastSignificant))) {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === "\\" ? 2 : 1;
      const literal = source.slice(i, j + 1);
      if (strings) { keep(c); hide(literal.slice(1, -1)); keep(literal.length > 1 ? c : ""); } else keep(literal);
      i = j + 1;
      lastSignificant = "x";
    } else {
      keep(c);
      if (!/\s/.test(c)) lastSignificant = c;
      i++;
    }
  }
  return out;
}

const bannedNames: readonly { readonly pattern: RegExp; readonly why: string }[] = [
  { pattern: /\bDate\b/, why: "a clock (Date)" },
  { pattern: /\bperformance\s*\.\s*now\b/, why: "a clock (performance.now)" },
  { pattern: /\bMath\s*\.\s*random\b/, why: "randomness (Math.random)" },
  { pattern: /\bsetTimeout\b/, why: "a real timer (setTimeout)" },
  { pattern: /\bsetInterval\b/, why: "a real timer (setInterval)" },
  { pattern: /\bsetImmediate\b/, why: "a real timer (setImmediate)" },
  { pattern: /\bprocess\s*\./, why: "the process (process.)" },
  { pattern: /\bconsole\s*\./, why: "I/O (console.)" },
  { pattern: /\brequire\s*\(/, why: "CommonJS require(" },
  { pattern: /\basync\b/, why: "async code" },
  { pattern: /\bawait\b/, why: "async code (await)" },
  { pattern: /\bPromise\b/, why: "async code (Promise)" },
];

/** One line per banned name found in code: `file:line: why`. */
export function bannedUses(file: string, source: string): string[] {
  const found: string[] = [];
  blank(source, true).split("\n").forEach((line, i) => {
    for (const { pattern, why } of bannedNames) {
      if (pattern.test(line)) found.push(`${file}:${i + 1}: ${why}: ${line.trim()}`);
    }
  });
  return found;
}

export interface ImportStatement { readonly specifier: string; readonly typeOnly: boolean; readonly line: number }

/** Static `import`/`export ... from` statements and dynamic `import(...)`, with whether they are erased. */
export function importsOf(source: string): ImportStatement[] {
  const code = blank(source, false);
  const lineAt = (index: number): number => code.slice(0, index).split("\n").length;
  const out: ImportStatement[] = [];
  const statement = /\b(import|export)\s+(type\s+)?([^'";]*?\bfrom\s+)?(["'])([^"']+)\4/g;
  for (const m of code.matchAll(statement)) {
    const clause = m[3] ?? "";
    // `export "x"` is not a thing; `export const` never matches a quote first.
    if (m[1] === "export" && clause === "") continue;
    const braces = /\{([^}]*)\}/.exec(clause);
    const named = braces?.[1]?.split(",").map((s) => s.trim()).filter((s) => s !== "") ?? [];
    const onlyTypes = braces !== null && named.length > 0 && named.every((s) => s.startsWith("type "))
      && clause.trim().startsWith("{");
    out.push({ specifier: m[5] as string, typeOnly: m[2] !== undefined || onlyTypes, line: lineAt(m.index) });
  }
  for (const m of code.matchAll(/\bimport\s*\(\s*(["'])([^"']+)\1/g)) {
    out.push({ specifier: m[2] as string, typeOnly: false, line: lineAt(m.index) });
  }
  return out;
}

/** The repo-relative .ts file a relative specifier names (`./x.js` → `impl/core/x.ts`), or null for a package. */
function resolve(file: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)).replace(/\.js$/, ".ts");
}

const isBuiltin = (specifier: string): boolean =>
  specifier.startsWith("node:") || builtinModules.includes(specifier)
  || builtinModules.includes(specifier.split("/")[0] as string);

function badCoreImports(file: string, source: string): string[] {
  const found: string[] = [];
  for (const imp of importsOf(source)) {
    const where = `${file}:${imp.line}: imports "${imp.specifier}"`;
    const target = resolve(file, imp.specifier);
    if (isBuiltin(imp.specifier)) found.push(`${where}: a node built-in module (I/O)`);
    else if (target?.startsWith("checker/")) found.push(`${where}: the checker (imports only point down)`);
    else if (target?.startsWith("impl/net/")) found.push(`${where}: impl/net (imports only point down)`);
    else if (target !== null && !target.startsWith("impl/core/") && !target.startsWith("spec/")) {
      found.push(`${where}: outside impl/core and spec`);
    }
  }
  return found;
}

/** Every cycle (as a path a → b → ... → a) among the given edges, each reported once. */
export function cycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const keys = new Set<string>();
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, "open");
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === "open") {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const key = [...cycle.slice(0, -1)].sort().join(" ");
        if (!keys.has(key)) { keys.add(key); found.push(cycle); }
      } else if (state.get(next) === undefined) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of [...edges.keys()].sort()) if (state.get(node) === undefined) visit(node);
  return found;
}

/**
 * The checker's layers, lowest first: a folder may import its own files and those of
 * the folders before it, never after. The README's layer map says what each holds.
 */
export const checkerLayers: readonly string[] =
  ["engine", "mutants", "model", "search", "trace", "render", "simulate", "cli"];

/** The checker folder a repo-relative path is in (`checker/model/world.ts` → "model"), or null. */
function checkerLayer(file: string): string | null {
  const parts = file.split("/");
  return parts[0] === "checker" && parts.length > 2 ? parts[1] as string : null;
}

/** One line per import that points up or sideways in checker/, or out of the engine into the protocol. */
export function layeringProblems(file: string, source: string): string[] {
  const layer = checkerLayer(file);
  if (layer === null) return [`${file}: loose in checker/ (put it in one of ${checkerLayers.join(", ")})`];
  const rank = checkerLayers.indexOf(layer);
  if (rank < 0) return [`${file}: checker/${layer}/ is not a layer (${checkerLayers.join(", ")})`];
  const found: string[] = [];
  for (const imp of importsOf(source)) {
    const where = `${file}:${imp.line}: imports "${imp.specifier}"`;
    const target = resolve(file, imp.specifier);
    const targetLayer = target === null ? null : checkerLayer(target);
    if (layer === "engine") {
      if (isBuiltin(imp.specifier)) found.push(`${where}: a node built-in in the engine`);
      else if (target !== null && targetLayer !== "engine") found.push(`${where}: the engine knows no protocol`);
    } else if (targetLayer !== null && checkerLayers.indexOf(targetLayer) > rank) {
      found.push(`${where}: ${layer}/ may not import ${targetLayer}/ (layers: ${checkerLayers.join(" < ")})`);
    }
  }
  return found;
}

/** The longest line a .ts file may have, in characters (code points), indentation included. */
export const lineLengthMax = 120;

/** Where no .ts line may pass lineLengthMax: every file under these folders (the whole repo's code). */
export const lineCheckedRoots: readonly string[] = ["bench", "checker", "impl", "spec", "test", "tools"];

/** Folders of the repo that hold no source of ours: dependencies, build output, scratch and reports. */
const notSources = new Set(["node_modules", "dist", "out", "scratch", "reports", ".stryker-tmp"]);

/** Every .ts file of the repo, by walking it from its root (dot-folders and notSources skipped). */
function repoTsFiles(dir = "."): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, dir)).sort()) {
    if (name.startsWith(".") || notSources.has(name)) continue;
    const rel = dir === "." ? name : path.posix.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...repoTsFiles(rel));
    else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) out.push(rel);
  }
  return out;
}

const isUnder = (file: string, roots: readonly string[]): boolean =>
  roots.some((r) => file === r || file.startsWith(`${r}/`));

/** One entry per line longer than lineLengthMax: `file:line: N characters`. */
export function longLines(file: string, source: string): string[] {
  return source.split("\n").flatMap((line, i) => {
    const length = [...line].length;
    return length > lineLengthMax ? [`${file}:${i + 1}: ${length} characters (at most ${lineLengthMax})`] : [];
  });
}

const coreFiles = tsFiles("impl/core");
const checkerFiles = tsFiles("checker");
const specFiles = tsFiles("spec");
const read = (file: string): string => readFileSync(path.join(root, file), "utf8");

describe("tidy", () => {
  it("finds the core and spec sources", () => {
    assert.ok(coreFiles.includes("impl/core/step.ts"), `impl/core/step.ts not found under ${root}`);
    assert.ok(specFiles.includes("spec/messages.ts"));
  });

  it("keeps impl/core free of clocks, randomness, timers, I/O and async code", () => {
    const found = coreFiles.flatMap((f) => bannedUses(f, read(f)));
    assert.deepEqual(found, [], `banned names in impl/core:\n${found.join("\n")}`);
  });

  it("keeps test hooks out of impl/core: no \"mutant\" anywhere, code, comments or strings", () => {
    const found = coreFiles.flatMap((f) => read(f).split("\n").flatMap((line, i) =>
      /mutant/i.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : []));
    assert.deepEqual(found, [], `impl/core mentions mutants (patches in checker/mutants/):\n${found.join("\n")}`);
  });

  it("keeps impl/core's imports pointing down: no node built-ins, checker/ or impl/net/", () => {
    const found = coreFiles.flatMap((f) => badCoreImports(f, read(f)));
    assert.deepEqual(found, [], `bad imports in impl/core:\n${found.join("\n")}`);
  });

  it("has no circular runtime imports among impl/core modules", () => {
    const edges = new Map(coreFiles.map((f) => [f, importsOf(read(f))
      .filter((imp) => !imp.typeOnly)
      .map((imp) => resolve(f, imp.specifier))
      .filter((t): t is string => t !== null && t.startsWith("impl/core/"))]));
    const found = cycles(edges).map((c) => c.join(" -> "));
    assert.deepEqual(found, [], `import cycles in impl/core:\n${found.join("\n")}`);
  });

  it("keeps spec/ from importing impl/ or checker/", () => {
    const found = specFiles.flatMap((f) => importsOf(read(f)).flatMap((imp) => {
      const target = resolve(f, imp.specifier);
      return target !== null && (target.startsWith("impl/") || target.startsWith("checker/"))
        ? [`${f}:${imp.line}: imports "${imp.specifier}"`] : [];
    }));
    assert.deepEqual(found, [], `spec imports upward:\n${found.join("\n")}`);
  });

  it("finds the checker's layers", () => {
    for (const layer of checkerLayers) assert.ok(checkerFiles.some((f) => checkerLayer(f) === layer), layer);
  });

  it("keeps checker/ layered: the engine imports no protocol, and no folder imports a folder above it", () => {
    const found = checkerFiles.flatMap((f) => layeringProblems(f, read(f)));
    assert.deepEqual(found, [], `checker/ imports against its layers:\n${found.join("\n")}`);
  });

  it("has no import cycles in checker/, type-only imports included", () => {
    const edges = new Map(checkerFiles.map((f) => [f, importsOf(read(f))
      .map((imp) => resolve(f, imp.specifier))
      .filter((t): t is string => t !== null && t.startsWith("checker/"))]));
    const found = cycles(edges).map((c) => c.join(" -> "));
    assert.deepEqual(found, [], `import cycles in checker/:\n${found.join("\n")}`);
  });

  it(`keeps every line of a .ts file to ${lineLengthMax} characters (${lineCheckedRoots.join(", ")})`, () => {
    const checked = repoTsFiles().filter((f) => isUnder(f, lineCheckedRoots));
    assert.ok(checked.includes("test/tidy.test.ts") && checked.includes("impl/net/node.ts"), checked.join(", "));
    const found = checked.flatMap((f) => longLines(f, read(f)));
    assert.deepEqual(found, [], `lines over ${lineLengthMax} characters:\n${found.join("\n")}`);
  });

  it("puts every .ts file of the repo under a checked root of the line-length check", () => {
    const loose = repoTsFiles().filter((f) => !isUnder(f, lineCheckedRoots));
    assert.deepEqual(loose, [], `.ts files outside lineCheckedRoots:\n${loose.join("\n")}`);
  });

  describe("the scanner itself", () => {
    it("sees banned names in code but not in comments or strings", () => {
      const source = [
        "// Date.now() and Math.random() are banned, says this comment",
        "/* console.log(x); await y */ const a = \"process.exit(1) Promise\";",
        "const t = `setTimeout(f)`;",
        "const now = Date.now();",
        "export async function f() { await g(); }",
        "const r = Math.random(); console.log(r); setInterval(f, 1); " +
          "process.exit(0); new Promise(() => {}); require(\"fs\");",
        "const ok = /\"quoted\" Date/.test(s);",
      ].join("\n");
      const found = bannedUses("x.ts", source).map((l) => l.split(": ")[0] + ": " + l.split(": ")[1]);
      assert.deepEqual(found, [
        "x.ts:4: a clock (Date)",
        "x.ts:5: async code",
        "x.ts:5: async code (await)",
        "x.ts:6: randomness (Math.random)",
        "x.ts:6: a real timer (setInterval)",
        "x.ts:6: the process (process.)",
        "x.ts:6: I/O (console.)",
        "x.ts:6: CommonJS require(",
        "x.ts:6: async code (Promise)",
      ]);
    });

    it("parses static, type-only, multi-line, re-export and dynamic imports", () => {
      const source = [
        "import type { A } from \"./a.js\";",
        "import { type B, type C } from './b.js';",
        "import { d, type E } from \"./d.js\";",
        "import {",
        "  f,",
        "} from \"../../spec/f.js\";",
        "export * from \"./g.js\";",
        "export { h } from \"node:fs\";",
        "// import { x } from \"./commented.js\";",
        "const m = import(\"./lazy.js\");",
        "import \"./side-effect.js\";",
      ].join("\n");
      assert.deepEqual(importsOf(source).map((i) => `${i.line} ${i.specifier} ${i.typeOnly ? "type" : "value"}`), [
        "1 ./a.js type", "2 ./b.js type", "3 ./d.js value", "4 ../../spec/f.js value",
        "7 ./g.js value", "8 node:fs value", "11 ./side-effect.js value", "10 ./lazy.js value",
      ]);
    });

    it("flags the engine importing the protocol and a folder importing one above it", () => {
      const engine = [
        "import { World } from \"../model/world.js\";", "import fs from \"node:fs\";", "import { x } from \"./x.js\";",
      ].join("\n");
      assert.deepEqual(layeringProblems("checker/engine/a.ts", engine).map((l) => l.split(": ")[0]),
        ["checker/engine/a.ts:1", "checker/engine/a.ts:2"]);
      const model = "import { run } from \"../cli/run.js\";\nimport { h } from \"../engine/hash64.js\";";
      assert.deepEqual(layeringProblems("checker/model/b.ts", model).map((l) => l.split(": ")[0]),
        ["checker/model/b.ts:1"]);
      assert.equal(layeringProblems("checker/loose.ts", "").length, 1);
    });

    it("counts a line's characters, not its UTF-16 units or bytes, and names each long line", () => {
      const fits = `${"x".repeat(lineLengthMax - 1)}✕`;
      const over = "y".repeat(lineLengthMax + 1);
      assert.deepEqual(longLines("a.ts", [fits, over, "", `${"🙂".repeat(lineLengthMax)}`].join("\n")),
        [`a.ts:2: ${lineLengthMax + 1} characters (at most ${lineLengthMax})`]);
    });

    it("finds a cycle and reports it once", () => {
      const edges = new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a", "d"]], ["d", []]]);
      assert.deepEqual(cycles(edges), [["a", "b", "c", "a"]]);
      assert.deepEqual(cycles(new Map([["a", ["b"]], ["b", []]])), []);
    });
  });
});
