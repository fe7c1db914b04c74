/**
 * The mutant catalog (issue 6), in the order `npm run mutants` prints it: one
 * file per mutant says which rule it breaks, what the checker must report, why
 * the rule exists, and the search that finds the violation (or, for a mutant
 * that survives, what the checker lacks to find it).
 */
import { batchDigestFirstOnly } from "./batch-digest-first-only.js";
import { commitQuorum2f } from "./commit-quorum-2f.js";
import { convictOnTimeout } from "./convict-on-timeout.js";
import { countMessages } from "./count-messages.js";
import { executeOutOfOrder } from "./execute-out-of-order.js";
import { inferAbortFromNull } from "./infer-abort-from-null.js";
import type { MutantCase } from "./mutant-case.js";
import { newViewLowestView } from "./new-view-lowest-view.js";
import { newViewSmallQuorum } from "./new-view-small-quorum.js";
import { newViewUnchecked } from "./new-view-unchecked.js";
import { noFlagAuthority } from "./no-flag-authority.js";
import { noPersistBeforeSend } from "./no-persist-before-send.js";
import { noWatermarks } from "./no-watermarks.js";
import { prepared2f } from "./prepared-2f.js";
import { reexecuteTxn } from "./reexecute-txn.js";
import { replyOnOneConfirmation } from "./reply-on-one-confirmation.js";
import { singleComplaintViewChange } from "./single-complaint-view-change.js";
import { stateTransferCountReplies } from "./state-transfer-count-replies.js";
import { viewChangeDropsCertificates } from "./view-change-drops-certificates.js";
import { voteAfterViewChange } from "./vote-after-view-change.js";
import { voteBindsSeqOnly } from "./vote-binds-seq-only.js";

export const mutantCatalog: readonly MutantCase[] = [
  // Quorums and what a vote binds.
  prepared2f,
  commitQuorum2f,
  countMessages,
  voteBindsSeqOnly,
  batchDigestFirstOnly,
  // Fault detection and client replies.
  convictOnTimeout,
  replyOnOneConfirmation,
  // View change and new view.
  singleComplaintViewChange,
  voteAfterViewChange,
  viewChangeDropsCertificates,
  newViewSmallQuorum,
  newViewUnchecked,
  newViewLowestView,
  noFlagAuthority,
  // Execution, the window and state transfer.
  executeOutOfOrder,
  inferAbortFromNull,
  reexecuteTxn,
  noWatermarks,
  stateTransferCountReplies,
  // Persistence.
  noPersistBeforeSend,
];
