/**
 * One entry of the mutant catalog (issue 6): a rule of the core broken on purpose
 * by a patch beside it (<name>.patch, applied to a scratch copy of the core, which
 * itself carries no test switches), what the checker must report, and
 * the search that finds it. A catalog that the checker cannot break is the
 * evidence that a clean check means something.
 */
export interface MutantCase {
  /** The mutant's name: its patch is checker/mutants/<name>.patch, a unified diff against impl/core. */
  readonly mutant: string;
  /** The rule the mutant breaks, and how the broken rule goes wrong: one paragraph. */
  readonly rule: string;
  /** The invariant the checker should report, as it names it: "agreement", "integrity", "liveness"... */
  readonly expected: string;
  /** Why the rule exists: the literature, or the reasoning where there is none. */
  readonly why: string;
  /**
   * The configured search, as `npm run check` flags without `--mutant`: a BFS depth or random runs or coverage
   * excursions (with their steps) and a seed. These counts alone bound it and decide its verdict, so the verdict
   * is the same on a loaded machine; no `--max-seconds` here (`npm run mutants` adds its 600 s safety net, and a
   * search that meets it is incomplete, not survived). The unmutated core must run clean under the same flags.
   */
  readonly search: readonly string[];
  /**
   * Set while the checker cannot catch the mutant with any search of affordable counts:
   * what it lacks. `npm run mutants` still runs the search, reports the mutant as
   * survived, prints this, and exits 1: a gap is said, never hidden.
   */
  readonly gap?: string;
}
