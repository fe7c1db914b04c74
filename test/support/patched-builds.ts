/**
 * The checker's modules from the real build or from a mutant's patched scratch
 * build (checker/mutants/patched-build.ts), for tests that drive one world under
 * both cores: the real core has no switch for a mutant, so a test reaches a
 * mutant by importing the same modules from the build that carries its patch.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildPatched, thisDist, type PatchedBuild } from "../../checker/mutants/patched-build.js";

export interface CheckerModules {
  readonly context: typeof import("../../checker/model/context.js");
  readonly initialWorld: typeof import("../../checker/model/initial-world.js");
  readonly actions: typeof import("../../checker/model/actions.js");
  readonly checkedStep: typeof import("../../checker/model/checked-step.js");
  readonly apply: typeof import("../../checker/model/apply.js");
  readonly randomRun: typeof import("../../checker/search/random-run.js");
  readonly exploreCoverage: typeof import("../../checker/search/explore-coverage.js");
  readonly replay: typeof import("../../checker/trace/replay.js");
}

async function load<M>(dist: string, rel: string): Promise<M> {
  return (await import(pathToFileURL(path.join(dist, rel)).href)) as M;
}

/** The modules of the build whose dist/ is `dist` (the real one by default). */
export async function checkerModules(dist: string = thisDist): Promise<CheckerModules> {
  return {
    context: await load(dist, "checker/model/context.js"),
    initialWorld: await load(dist, "checker/model/initial-world.js"),
    actions: await load(dist, "checker/model/actions.js"),
    checkedStep: await load(dist, "checker/model/checked-step.js"),
    apply: await load(dist, "checker/model/apply.js"),
    randomRun: await load(dist, "checker/search/random-run.js"),
    exploreCoverage: await load(dist, "checker/search/explore-coverage.js"),
    replay: await load(dist, "checker/trace/replay.js"),
  };
}

/** Patched builds for one test file: each built on first use, all removed by `dispose` (call it in `after`). */
export class PatchedBuilds {
  private readonly built = new Map<string, PatchedBuild>();

  build(mutant: string): PatchedBuild {
    const known = this.built.get(mutant);
    if (known !== undefined) return known;
    const made = buildPatched(mutant);
    if (!made.ok) throw new Error(made.error);
    this.built.set(mutant, made.value);
    return made.value;
  }

  modules(mutant: string): Promise<CheckerModules> {
    return checkerModules(this.build(mutant).dist);
  }

  dispose(): void {
    for (const b of this.built.values()) b.dispose();
    this.built.clear();
  }
}
