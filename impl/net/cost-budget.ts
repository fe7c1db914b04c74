/**
 * What an authenticated peer may make us spend on frames that cost much: a
 * frame is costly when it is larger than `costlyFrameBytes`, or larger than
 * `cpuCheckedBytes` and took more than `costlyDecodeMs` of this process's CPU
 * time to parse and schema-decode. Each costly frame takes a token from the
 * peer's bucket of `costlyFramesMax`, refilled one token per `refillMs`; a peer
 * with none left is dropped (inbound.ts) and suspected. The bucket belongs to
 * the peer, not the connection, so reconnecting does not refill it.
 *
 * Why CPU time and a size floor: on a loaded machine wall-clock time, and even a
 * small frame's CPU time (a GC pause lands in it), says little about the frame;
 * below the floor decoding is cheap by construction (JSON depth is capped).
 *
 * Why a bucket and not a hard size cap: honest nodes send a few large messages
 * (a NEW-VIEW carries 2f+1 VIEW-CHANGEs with their certificates) at view
 * changes, which are rare; a Byzantine peer streaming 1 MiB schema-valid frames
 * (316 ms of CPU each, issue 15) empties the bucket within a second.
 *
 * State-transfer frames (peer-frame.ts) are charged differently, by
 * `chargeTransfer`: chunks are large by design (~256 KB of replica entries or
 * outcomes, replica-chunks.ts) and an honest catch-up moves hundreds of them,
 * each of which would count as costly above and spend the bucket within
 * seconds, so the size rule would drop (and suspect) an honest replier. They
 * arrive only in answer to our own requests, a few at a time, so what they
 * cost is bounded by our demand; what a peer must not do is stream them
 * unasked. So a transfer frame is charged only the CPU it took to decode, to a
 * separate bucket of `transferCpuMsMax` ms refilled at `transferCpuShare` ms per
 * ms of wall time: a peer may keep at most that share of a core busy decoding
 * its transfer frames, and honest chunk traffic, spread over the participants
 * (state-transfer-fetch.ts), stays under it.
 */
export const costlyFrameBytes = 256 * 1024;
export const cpuCheckedBytes = 16 * 1024;
export const costlyDecodeMs = 25;
export const costlyFramesMax = 16;
export const refillMs = 5_000;
/** Decode CPU a peer's transfer frames may take in a burst, ms. */
export const transferCpuMsMax = 10_000;
/** Decode CPU ms per wall-clock ms a peer's transfer frames may take sustained. */
export const transferCpuShare = 0.5;

export class CostBudget {
  private tokens = costlyFramesMax;
  private refilledAt: number | null = null;
  private transferCpuMs = transferCpuMsMax;
  private transferRefilledAt: number | null = null;

  /** Charges one frame; a one-line reason when the budget is spent, else null. */
  charge(bytes: number, decodeMs: number, now: number): string | null {
    if (bytes <= costlyFrameBytes && (bytes <= cpuCheckedBytes || decodeMs <= costlyDecodeMs)) return null;
    this.refill(now);
    this.tokens -= 1;
    if (this.tokens >= 0) return null;
    return `more than ${costlyFramesMax} costly frames (over ${costlyFrameBytes} bytes, or ${costlyDecodeMs} ms of CPU `
      + `to decode) within ${refillMs * costlyFramesMax} ms; last ${bytes} bytes, ${decodeMs.toFixed(1)} ms`;
  }

  /** Charges one state-transfer frame its decode CPU only (see above); a one-line reason when spent, else null. */
  chargeTransfer(bytes: number, decodeMs: number, now: number): string | null {
    const elapsed = this.transferRefilledAt === null ? 0 : Math.max(0, now - this.transferRefilledAt);
    this.transferRefilledAt = now;
    this.transferCpuMs = Math.min(transferCpuMsMax, this.transferCpuMs + elapsed * transferCpuShare) - decodeMs;
    if (this.transferCpuMs >= 0) return null;
    return `transfer frames took more than ${transferCpuMsMax} ms of CPU to decode beyond ${transferCpuShare} of `
      + `wall time; last ${bytes} bytes, ${decodeMs.toFixed(1)} ms`;
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
