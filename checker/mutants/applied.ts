/**
 * The mutant whose patch this build of the core carries: null here, in the real
 * build. A patched scratch build (patched-build.ts) replaces this module's output
 * with the mutant's name, so a config that names a mutant is only ever run by the
 * core that really has it (checker/model/context.ts refuses any other pairing).
 */
export const appliedMutant: string | null = null;
