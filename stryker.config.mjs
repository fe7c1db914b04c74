// Mutation score of impl/core judged by the checker alone: `npm run mutation` (checker/cli/mutation-main.ts).
// The command runner runs the probe once per mutant; the build runs once, in Stryker's sandbox, over the
// instrumented copy of impl/core (mutant schemata), and the active mutant is chosen by the environment
// variable __STRYKER_ACTIVE_MUTANT__ that the instrumented code reads when it loads. impl/core itself is
// never touched.
export default {
  testRunner: "command",
  commandRunner: { command: "node dist/checker/cli/mutation-probe-main.js" },
  // Emit only (--noCheck): a mutant can widen an instrumented export's type (`withNode`'s arrow -> `() => undefined`
  // makes its callers see `number | undefined`), and the checked files that call it would fail the sandbox build
  // although the JavaScript is fine. The unmutated tree is type-checked by every ordinary build.
  buildCommand: "npx tsc -p tsconfig.json --noCheck",
  // TypeScript 7 has no JavaScript API, which Stryker's tsconfig rewriter calls; ours needs no rewrite (no
  // "extends" or "references"), so it is pointed at a file that does not exist and skips.
  tsconfigFile: "stryker-no-tsconfig-rewrite.json",
  mutate: ["impl/core/**/*.ts"],
  // Adds // @ts-nocheck to the instrumented core, whose mutant switches would not type-check.
  disableTypeChecks: "impl/core/**/*.ts",
  // The command runner sees one exit code, no per-test coverage: every mutant runs the whole probe.
  coverageAnalysis: "off",
  // Two cores shared by several people: one probe at a time.
  concurrency: 1,
  // A mutant that sends the core into a loop is stopped at 1.5x the unmutated probe's time plus 15 s.
  timeoutMS: 15000,
  timeoutFactor: 1.5,
  reporters: ["html", "json", "clear-text", "progress"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  incrementalFile: "reports/stryker-incremental.json",
  tempDirName: ".stryker-tmp",
  ignorePatterns: ["dist", "reports", "scratch", "out", "traces/mutants"],
  cleanTempDir: "always",
};
