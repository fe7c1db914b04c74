/**
 * A peer link's ring of recent frames (peer-link.ts says why they are kept):
 * bounded in frames and bytes, oldest out first, and, once the node's low
 * watermark h passes a frame's seq, without that frame.
 *
 * Why the watermark: at 1,024 frames a link's ring took ~1,000 seqs to fill on the
 * coordinator (one batch PRE-PREPARE of a few KB per seq and participant), so its
 * memory rose for 10-20 k txns of a soak (issue 15). A message for a seq below the
 * stable checkpoint is one the receiver ignores, so resending it on a reconnect is
 * of no use; frames without a seq (view changes, NEW-VIEWs) keep the count bound.
 * The stable checkpoint's own seq stays, like the signature caches' (watermark-cache.ts).
 */

interface Held { readonly frame: Uint8Array; readonly mark: number | null }

export class FrameRing {
  private held: Held[] = [];
  private heldBytes = 0;
  private prunedBelow = Number.NEGATIVE_INFINITY;

  constructor(private readonly framesMax: number, private readonly bytesMax: number) {}

  get length(): number {
    return this.held.length;
  }

  get bytes(): number {
    return this.heldBytes;
  }

  /** Adds a frame for the seq `mark` (null: none), after dropping those below `watermark` and past the bounds. */
  push(frame: Uint8Array, mark: number | null, watermark: number): void {
    if (watermark > this.prunedBelow) {
      this.prunedBelow = watermark;
      this.held = this.held.filter((h) => h.mark === null || h.mark >= watermark);
      this.heldBytes = this.held.reduce((total, h) => total + h.frame.length, 0);
    }
    this.held.push({ frame, mark });
    this.heldBytes += frame.length;
    while (this.held.length > this.framesMax || this.heldBytes > this.bytesMax) {
      this.heldBytes -= this.held.shift()?.frame.length ?? 0;
    }
  }

  /** The frames held, oldest first. */
  frames(): Uint8Array[] {
    return this.held.map((h) => h.frame);
  }
}
