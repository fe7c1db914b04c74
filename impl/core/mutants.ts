/**
 * Names of deliberately broken rules (the mutant catalog, checker/mutants/).
 * The core consults `env.mutant` only at the exact line each one breaks; a real
 * run always passes `null`. Descriptions and expected violations live in the catalog.
 */
export const mutantNames = [
  "prepared-2f",
  "commit-quorum-2f",
  "count-messages",
  "convict-on-timeout",
  "single-complaint-view-change",
  "no-watermarks",
  "vote-binds-seq-only",
  "new-view-lowest-view",
  "new-view-unchecked",
  "execute-out-of-order",
  "infer-abort-from-null",
  "no-persist-before-send",
  "state-transfer-count-replies",
  "reexecute-txn",
  "reply-on-one-confirmation",
  "view-change-drops-certificates",
  "vote-after-view-change",
  "new-view-small-quorum",
] as const;
export type Mutant = (typeof mutantNames)[number];

export function isMutant(name: string): name is Mutant {
  return (mutantNames as readonly string[]).includes(name);
}
