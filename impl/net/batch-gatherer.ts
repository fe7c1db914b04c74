/**
 * The coordinator's batch delay (spec/batch.ts): the core has no clock, so the driver
 * decides when a partial batch goes out. Submissions are gathered until `batchSize` of
 * them are waiting or `batchDelayMs` passed since the first, then handed to the core
 * together: every Submit but the last says `hold` (more follow), so the core proposes
 * them in full batches and the remainder as one partial batch. With `batchSize` 1 each
 * submission goes to the core at once, without `hold`, as before batching.
 *
 * A partial batch waits longer while the pipeline is full (`inFlight`: the coordinator's
 * txns proposed or queued without a reply are a full batch or more): proposing it then
 * adds a seq's messages and signatures for few txns and finishes nothing sooner, while
 * waiting lets replies free more clients to fill it (Nagle's rule). It never waits more
 * than `waitFactor` times the delay, so a lone submission still goes out.
 */
import type { Input } from "../core/types.js";

type Submit = Extract<Input, { kind: "Submit" }>;

/** How many batch delays a partial batch may wait at most while the pipeline is full. */
export const waitFactor = 8;

export class BatchGatherer {
  private waiting: Submit[] = [];
  private timer: NodeJS.Timeout | null = null;
  private delays = 0;

  constructor(
    private readonly batchSize: number,
    private readonly batchDelayMs: number,
    private readonly enqueue: (input: Input) => void,
    private readonly inFlight: () => number = () => 0,
  ) {}

  submit(request: Submit["request"], flag: Submit["flag"]): void {
    this.waiting.push({ kind: "Submit", request, flag });
    if (this.batchSize <= 1 || this.waiting.length >= this.batchSize) {
      this.flush();
      return;
    }
    this.timer ??= setTimeout(() => this.delayPassed(), this.batchDelayMs);
  }

  /** A delay passed: the partial batch goes, unless a full batch is still in flight and it may wait more. */
  private delayPassed(): void {
    this.delays += 1;
    if (this.delays < waitFactor && this.inFlight() >= this.batchSize) {
      this.timer = setTimeout(() => this.delayPassed(), this.batchDelayMs);
      return;
    }
    this.flush();
  }

  /** Hands everything waiting to the core, the last without `hold`. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.delays = 0;
    const batch = this.waiting;
    this.waiting = [];
    batch.forEach((s, i) => this.enqueue(i < batch.length - 1 ? { ...s, hold: true } : s));
  }

  /** Stops the delay timer; what waits is handed over first, so a clean stop drops nothing. */
  stop(): void {
    this.flush();
  }
}
