/**
 * A scratch build of the checker whose core carries one mutant's patch. Building
 * is a copy and a one-file compile, not a rebuild: the already-built dist/ (spec,
 * impl, checker) is copied to a temporary folder, the patch is applied to copies
 * of the core files it touches, and the native TypeScript compiler emits just
 * those files over the copied output. It emits each file alone (no type check, no
 * import resolution: isolatedModules guarantees a file compiles on its own), like
 * TypeScript's transpileModule, which TypeScript 7's JS API no longer offers.
 *
 * The scratch folder gets a package.json (ES modules) and a link to node_modules,
 * so the copy runs exactly as the real build does: `node <dist>/checker/cli/...`
 * or a dynamic import of one of its modules (a separate module graph, so the real
 * core loaded in the same process is untouched).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { DecodeResult } from "../../spec/decode-result.js";
import { patchedFiles } from "./patch-file.js";

/** This build's dist/ (this file runs from dist/checker/mutants/) and the repository root above it. */
export const thisDist = fileURLToPath(new URL("../../", import.meta.url));
export const thisRoot = path.dirname(path.resolve(thisDist));

/** The built folders the checker runs from: not impl/net, tests or benchmarks. */
const copiedDirs = ["spec", "impl/core", "checker"];

/** Only the modules are copied: source maps would point at the real sources anyway, and halve the copying. */
const isCopied = (source: string): boolean => !source.endsWith(".map");

export interface PatchedBuild {
  readonly mutant: string;
  /** The scratch folder: dist/, src/ (the patched core's sources), package.json, node_modules. */
  readonly dir: string;
  /** The build's dist/ folder. */
  readonly dist: string;
  /** The path of a module of this build, `rel` under dist/ (e.g. "checker/trace/replay.js"). */
  readonly modulePath: (rel: string) => string;
  /** A dynamic import of a module of this build. */
  readonly load: <M>(rel: string) => Promise<M>;
  /** Removes the scratch folder. */
  readonly dispose: () => void;
}

const require = createRequire(import.meta.url);

/** The node_modules folder the real build resolves its packages from. */
function nodeModules(): string {
  return path.dirname(path.dirname(require.resolve("typescript/package.json")));
}

/**
 * The compiler command: the native executable when its platform package is
 * installed (a tenth of a second), else TypeScript's node launcher.
 */
function compilerCommand(): readonly string[] {
  const platform = `typescript-${process.platform}-${process.arch}`;
  const native = path.join(nodeModules(), "@typescript", platform, "lib", "tsc");
  if (fs.existsSync(native)) return [native];
  return [process.execPath, path.join(nodeModules(), "typescript", "lib", "tsc.js")];
}

/** Emits only `files` (paths under src/), each on its own, into dist/. */
function scratchTsconfig(root: string, files: readonly string[]): string {
  return JSON.stringify({
    extends: path.join(root, "tsconfig.json"),
    compilerOptions: { rootDir: "src", outDir: "dist", types: [], noCheck: true, noResolve: true, sourceMap: false },
    files: files.map((f) => `src/${f}`),
    include: [],
  }, null, 1);
}

/** Copies the built checker and the patched core files into `dir`. */
function lay(dir: string, root: string, dist: string, files: ReadonlyMap<string, string>): void {
  for (const d of copiedDirs) {
    fs.cpSync(path.join(dist, d), path.join(dir, "dist", d), { recursive: true, filter: isCopied });
  }
  for (const [file, text] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, "src", file)), { recursive: true });
    fs.writeFileSync(path.join(dir, "src", file), text);
  }
  fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({ type: "module", private: true })}\n`);
  fs.symlinkSync(nodeModules(), path.join(dir, "node_modules"), "dir");
  fs.writeFileSync(path.join(dir, "tsconfig.json"), scratchTsconfig(root, [...files.keys()]));
}

/** Emits the patched files over the copied output; the first compiler error as one line on failure. */
function compile(dir: string): string | null {
  const [command, ...args] = compilerCommand();
  try {
    const options = { cwd: dir, encoding: "utf8", stdio: "pipe" } as const;
    execFileSync(command as string, [...args, "-p", path.join(dir, "tsconfig.json")], options);
    return null;
  } catch (e) {
    const out = `${(e as { stdout?: string }).stdout ?? ""}${(e as { stderr?: string }).stderr ?? ""}`;
    return out.split("\n").find((l) => l.trim() !== "") ?? String(e);
  }
}

/**
 * Builds the scratch copy for `mutant` from the sources under `root` and the
 * built output in `dist` (by default, this build's). One-line error when the
 * patch no longer applies or the patched core does not compile.
 */
export function buildPatched(mutant: string, root: string = thisRoot, dist: string = thisDist):
  DecodeResult<PatchedBuild> {
  const files = patchedFiles(root, mutant);
  if (!files.ok) return files;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `byzcommit-mutant-${mutant}-`));
  const dispose = (): void => fs.rmSync(dir, { recursive: true, force: true });
  lay(dir, root, dist, files.value);
  const problem = compile(dir);
  if (problem !== null) {
    dispose();
    return { ok: false, error: `mutant ${mutant}: the patched core does not compile: ${problem}` };
  }
  const applied = path.join(dir, "dist", "checker", "mutants", "applied.js");
  fs.writeFileSync(applied, `export const appliedMutant = ${JSON.stringify(mutant)};\n`);
  const modulePath = (rel: string): string => path.join(dir, "dist", rel);
  const load = async <M>(rel: string): Promise<M> => (await import(pathToFileURL(modulePath(rel)).href)) as M;
  return { ok: true, value: { mutant, dir, dist: path.join(dir, "dist"), modulePath, load, dispose } };
}
