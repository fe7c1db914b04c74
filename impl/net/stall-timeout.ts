/**
 * When a slot counts as stalled, so that its messages are worth sending again
 * (resend-pacer.ts at the coordinator, repeat-gate.ts at a participant).
 *
 * A fixed resend period is wrong under load: at two shared cores a slot normally
 * takes longer than one period to confirm, so every period resent every slot in
 * flight and drew every participant's votes and confirmation again. Here the
 * timeout follows the commit latency this node observes (a coordinator: proposal to
 * each confirmation; a participant: its PREPARE to its confirmation): `factor` times
 * the 90th percentile of the last `sampleMax` samples, so a slot is resent only once
 * it took clearly longer than the slots around it.
 *
 * Bounded on both sides: below by one resend period of the core (`lowMs`, the old
 * behaviour, so a quiet cluster recovers a lost message as fast as before), above by
 * `highMs` (a lost message is still recovered well inside the view-change timeout,
 * whatever the latency did). With no sample yet it is `lowMs`.
 */

/** Samples kept: a few hundred ms of confirmations at load, so the timeout follows the current load. */
export const stallSampleMax = 128;
/** How many times the observed p90 a slot may take before it counts as stalled. */
export const stallFactor = 2;
/** The upper bound, in core resend periods (it is also kept to a quarter of the view-change timeout). */
export const stallPeriodsMax = 8;

export interface StallBounds { readonly lowMs: number; readonly highMs: number }

/**
 * The bounds for a node: one resend period below; above, eight periods or a quarter of the view-change timeout,
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
    const p90 = sorted[Math.min(sorted.length - 1, Math.ceil(0.9 * sorted.length) - 1)] ?? 0;
    return Math.min(this.bounds.highMs, Math.max(this.bounds.lowMs, stallFactor * p90));
  }
}
