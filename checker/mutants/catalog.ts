/**
 * The mutant catalog (issue 6), in the order `npm run mutants` prints it: one
 * file per mutant says which rule it breaks, what the checker must report, why
 * the rule exists, and the search that finds the violation.
 */
import { commitQuorum2f } from "./commit-quorum-2f.js";
import { convictOnTimeout } from "./convict-on-timeout.js";
import { countMessages } from "./count-messages.js";
import { executeOutOfOrder } from "./execute-out-of-order.js";
import type { MutantCase } from "./mutant-case.js";
import { newViewSmallQuorum } from "./new-view-small-quorum.js";
import { prepared2f } from "./prepared-2f.js";
import { replyOnOneConfirmation } from "./reply-on-one-confirmation.js";
import { viewChangeDropsCertificates } from "./view-change-drops-certificates.js";
import { voteAfterViewChange } from "./vote-after-view-change.js";
import { voteBindsSeqOnly } from "./vote-binds-seq-only.js";

export const mutantCatalog: readonly MutantCase[] = [
  prepared2f,
  commitQuorum2f,
  countMessages,
  convictOnTimeout,
  voteBindsSeqOnly,
  executeOutOfOrder,
  replyOnOneConfirmation,
  viewChangeDropsCertificates,
  voteAfterViewChange,
  newViewSmallQuorum,
];
