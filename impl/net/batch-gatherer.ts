/**
 * The coordinator's batch delay (spec/batch.ts): the core has no clock, so the driver
 * decides when a partial batch goes out. Submissions are gathered until `batchSize` of
 * them are waiting or `batchDelayMs` passed since the first, then handed to the core
 * together: every Submit but the last says `hold` (more follow), so the core proposes
 * them in full batches and the remainder as one partial batch. With `batchSize` 1 each
 * submission goes to the core at once, without `hold`, as before batching.
 */
import type { Input } from "../core/types.js";

type Submit = Extract<Input, { kind: "Submit" }>;

export class BatchGatherer {
  private waiting: Submit[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly batchSize: number,
    private readonly batchDelayMs: number,
    private readonly enqueue: (input: Input) => void,
  ) {}

  submit(request: Submit["request"], flag: Submit["flag"]): void {
    this.waiting.push({ kind: "Submit", request, flag });
    if (this.batchSize <= 1 || this.waiting.length >= this.batchSize) {
      this.flush();
      return;
    }
    this.timer ??= setTimeout(() => this.flush(), this.batchDelayMs);
  }

  /** Hands everything waiting to the core, the last without `hold`. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.waiting;
    this.waiting = [];
    batch.forEach((s, i) => this.enqueue(i < batch.length - 1 ? { ...s, hold: true } : s));
  }

  /** Stops the delay timer; what waits is handed over first, so a clean stop drops nothing. */
  stop(): void {
    this.flush();
  }
}
