/**
 * What an authenticated peer may make us spend on frames that cost much: a
 * frame is costly when it is larger than `costlyFrameBytes` or took longer than
 * `costlyDecodeMs` to parse and schema-decode. Each costly frame takes a token
 * from a bucket of `costlyFramesMax` that refills one token per
 * `refillMs`; a peer with none left is dropped (inbound.ts) and suspected.
 *
 * Why a bucket and not a hard size cap: honest nodes send a few large messages
 * (a NEW-VIEW carries 2f+1 VIEW-CHANGEs with their certificates) at view
 * changes, which are rare; a Byzantine peer streaming 1 MiB schema-valid frames
 * (316 ms of CPU each, issue 15) empties the bucket within a second.
 */
export const costlyFrameBytes = 256 * 1024;
export const costlyDecodeMs = 25;
export const costlyFramesMax = 8;
export const refillMs = 10_000;

export class CostBudget {
  private tokens = costlyFramesMax;
  private refilledAt: number | null = null;

  /** Charges one frame; a one-line reason when the budget is spent, else null. */
  charge(bytes: number, decodeMs: number, now: number): string | null {
    if (bytes <= costlyFrameBytes && decodeMs <= costlyDecodeMs) return null;
    this.refill(now);
    this.tokens -= 1;
    if (this.tokens >= 0) return null;
    return `more than ${costlyFramesMax} costly frames (each over ${costlyFrameBytes} bytes or ${costlyDecodeMs} ms to decode) `
      + `within ${refillMs * costlyFramesMax} ms; last ${bytes} bytes, ${decodeMs.toFixed(1)} ms`;
  }

  private refill(now: number): void {
    if (this.refilledAt === null) {
      this.refilledAt = now;
      return;
    }
    const earned = Math.floor((now - this.refilledAt) / refillMs);
    if (earned <= 0) return;
    this.tokens = Math.min(costlyFramesMax, this.tokens + earned);
    this.refilledAt += earned * refillMs;
  }
}
