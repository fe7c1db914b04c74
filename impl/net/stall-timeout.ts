/**
 * When a slot counts as stalled, so that its messages are worth sending again
 * (resend-pacer.ts at the coordinator, repeat-gate.ts at a participant).
 *
 * A fixed resend period is wrong under load: at two shared cores a slot normally
 * takes longer than one period to confirm, so every period resent every slot in
 * flight and drew every participant's votes and confirmation again. Here the
 * timeout follows the commit latency this node observes (a coordinator: proposal to
 * each confirmation; a participant: its PREPARE to its confirmation): `stallFactor`
 * times the median of the last `stallSampleMax` samples, so a slot is resent only once
 * it took clearly longer than the slots around it. The median, not a high quantile: a
 * lost message delays its slot until the resend, and with a few percent of frames lost
 * those late samples raise a p90, so the timeout, so the next losses' delay (a first
 * version with 2 x p90 did just that under 5% loss: 4x the p50, view changes).
 * Even the median grows so (see `stallPeriodsMax`), hence the low upper bound.
 *
 * Bounded on both sides: below by one resend period of the core (`lowMs`, the old
 * behaviour, so a quiet cluster recovers a lost message as fast as before), above by
 * `highMs` (a lost message is still recovered well inside the view-change timeout,
 * whatever the latency did). With no sample yet it is `lowMs`.
 */

/** Samples kept: a few hundred ms of confirmations at load, so the timeout follows the current load. */
export const stallSampleMax = 128;
/** How many times the observed median a slot may take before it counts as stalled. */
export const stallFactor = 2;
/**
 * The upper bound, in core resend periods (it is also kept to a quarter of the view-change timeout). Low on purpose:
 * execution is in seq order, so one lost message holds every later slot until its resend, and the latencies then
 * observed grow with the timeout itself; at 4 periods, under 5% frame loss, p50 was 3x the old fixed period's.
 */
export const stallPeriodsMax = 2;

export interface StallBounds { readonly lowMs: number; readonly highMs: number }

/**
 * The bounds for a node: one resend period below; above, two periods or a quarter of the view-change timeout,
 * whichever is less (never below one period).
 */
export function stallBoundsFor(resendTicks: number, viewChangeTicks: number, tickMs: number): StallBounds {
  const lowMs = resendTicks * tickMs;
  return { lowMs, highMs: Math.max(lowMs, Math.min(stallPeriodsMax * lowMs, (viewChangeTicks * tickMs) / 4)) };
}

export class StallTimeout {
  private readonly samples: number[] = [];
  private next = 0;
  private cached: number;

  constructor(private readonly bounds: StallBounds) {
    this.cached = bounds.lowMs;
  }

  /** One observed commit latency, in ms. */
  observe(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    if (this.samples.length < stallSampleMax) this.samples.push(ms);
    else this.samples[this.next] = ms;
    this.next = (this.next + 1) % stallSampleMax;
    // Re-sorting 128 numbers per sample is cheap next to one signature check, but only every 8th is needed.
    if (this.next % 8 === 0 || this.samples.length < 8) this.cached = this.compute();
  }

  /** The current stall timeout, in ms. */
  get ms(): number {
    return this.cached;
  }

  private compute(): number {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
    return Math.min(this.bounds.highMs, Math.max(this.bounds.lowMs, stallFactor * median));
  }
}
