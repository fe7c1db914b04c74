/**
 * The signature bound of `npm run bench -- net`: the most txn/s this machine
 * could reach if the nodes did nothing but their Ed25519 work, from rates
 * measured in the same run.
 *
 * Signatures each node needs per txn in the normal case (PBFT phases, one txn
 * per pre-prepare, checkpoints every K seqs):
 * - a participant signs its PREPARE, COMMIT and confirmation, and 1/K of a
 *   CHECKPOINT; it verifies the PRE-PREPARE, the client's request inside it, the
 *   n-1 others' PREPAREs and COMMITs, and (n-1)/K CHECKPOINTs;
 * - the coordinator signs the PRE-PREPARE; it verifies the client's request, n
 *   confirmations and n/K CHECKPOINTs.
 * With batches of B txns (spec/batch.ts) the per-seq work (PRE-PREPARE, PREPAREs,
 * COMMITs, CHECKPOINTs, and the one confirmation that covers a seq's batch) is
 * shared by B txns; only the client's request stays one per txn, verified once by
 * the coordinator and once by each participant.
 * A node is one thread, so it can do no better than 1 / (its work per txn); the
 * cluster's n+1 processes share `cores`, so no better than cores / (all work per
 * txn). The bound is the smaller. (A busier workload only adds: resends,
 * duplicates, view changes.)
 */
export interface SignatureWork { readonly signs: number; readonly verifies: number }

export interface SignatureBound {
  readonly participant: SignatureWork;
  readonly coordinator: SignatureWork;
  /** Seconds of one core per txn for the busiest node and for the whole cluster. */
  readonly busiestSeconds: number;
  readonly clusterSeconds: number;
  readonly txnPerSecond: number;
}

export interface CryptoRates { readonly signPerSecond: number; readonly verifyPerSecond: number }

export function signatureWork(n: number, checkpointInterval: number, batchSize = 1):
  { participant: SignatureWork; coordinator: SignatureWork } {
  const k = checkpointInterval;
  const b = batchSize;
  return {
    participant: { signs: (3 + 1 / k) / b, verifies: 1 + (1 + 2 * (n - 1) + (n - 1) / k) / b },
    coordinator: { signs: 1 / b, verifies: 1 + (n + n / k) / b },
  };
}

export const secondsOf = (work: SignatureWork, rates: CryptoRates): number =>
  work.signs / rates.signPerSecond + work.verifies / rates.verifyPerSecond;

export function signatureBound(n: number, checkpointInterval: number, rates: CryptoRates,
  cores: number, batchSize = 1): SignatureBound {
  const { participant, coordinator } = signatureWork(n, checkpointInterval, batchSize);
  const busiestSeconds = Math.max(secondsOf(participant, rates), secondsOf(coordinator, rates));
  const clusterSeconds = n * secondsOf(participant, rates) + secondsOf(coordinator, rates);
  const txnPerSecond = Math.min(1 / busiestSeconds, cores / clusterSeconds);
  return { participant, coordinator, busiestSeconds, clusterSeconds, txnPerSecond };
}
