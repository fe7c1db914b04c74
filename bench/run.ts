/**
 * Runs the benchmarks: `node dist/bench/run.js [name]` runs every
 * `*.bench.js` next to this file, or only `<name>.bench.js`. Each module
 * exports `run(): Promise<void>` and prints its own table, so adding a
 * benchmark needs no registration here.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

interface BenchModule {
  run(): Promise<void>;
}

function isBenchModule(value: unknown): value is BenchModule {
  return typeof value === "object" && value !== null && "run" in value && typeof value.run === "function";
}

function isBadFlag(error: unknown): error is Error {
  if (error instanceof RangeError) return true;
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  return code.startsWith("ERR_PARSE_ARGS_");
}

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = (await readdir(benchDir))
  .filter((file) => file.endsWith(".bench.js"))
  .filter((file) => only === undefined || file === `${only}.bench.js`)
  .sort();

if (files.length === 0) {
  console.error(`no benchmark ${only === undefined ? "" : `named "${only}" `}in ${benchDir}`);
  process.exitCode = 2;
}
for (const file of files) {
  const module: unknown = await import(pathToFileURL(path.join(benchDir, file)).href);
  if (!isBenchModule(module)) throw new TypeError(`${file} does not export run()`);
  console.log(`\n## ${file.replace(/\.bench\.js$/, "")}\n`);
  try {
    await module.run();
  } catch (error) {
    // A bad flag (a benchmark's RangeError, or node:util parseArgs refusing it) is one line and exit 2.
    if (!isBadFlag(error)) throw error;
    console.error(`bench ${file.replace(/\.bench\.js$/, "")}: ${error.message.split("\n")[0]}`);
    process.exitCode = 2;
    break;
  }
}
