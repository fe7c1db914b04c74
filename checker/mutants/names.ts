/**
 * The names of the catalog's mutants: what `--mutant`, a trace's `config.mutant`
 * and the patch files (checker/mutants/<name>.patch) are keyed by.
 */
import { mutantCatalog } from "./catalog.js";

export const mutantNames: readonly string[] = mutantCatalog.map((c) => c.mutant);

export function isMutant(name: string): boolean {
  return mutantNames.includes(name);
}
