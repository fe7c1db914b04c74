/**
 * When a soak's per-window figures count as flat (issue 15: "flat from the first
 * thousand to the last"). On a shared 2-core machine one window's txn/s can swing by
 * a third with the neighbours' load, so single windows are not compared:
 * - rates (txn/s, CPU ms/txn, KB written/txn): the median of the last three windows
 *   against the median of the early ones (windows 2-4; the first holds start-up: JIT,
 *   connections, the heap's first growth). Flat: txn/s at least 0.75x, CPU and
 *   bytes per txn at most 1.25x.
 * - memory (largest participant's RSS, C's RSS): the least-squares slope over the
 *   second half of the windows, in MB per 1,000 txns. Flat: at most 0.5 (10 MB over
 *   20 k txns; the unpruned outcome table grew 3.2).
 * Fewer than six windows: no verdict.
 */

export interface SoakRow {
  readonly "txns to": number;
  readonly "txn/s": number;
  readonly "CPU ms/txn": number;
  readonly "KB written/txn": number;
  readonly "max P RSS MB": number;
  readonly "C RSS MB": number;
}

export const rateTolerance = 0.25;
export const rssSlopeMaxMbPer1000 = 0.5;
export const rowsMin = 6;

export interface Flatness {
  /** One line per figure: the comparison and whether it holds. */
  readonly lines: readonly string[];
  /** `verdict: flat`, `verdict: NOT flat (...)`, or why there is none. */
  readonly verdict: string;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const high = sorted[middle] as number;
  return sorted.length % 2 === 1 ? high : ((sorted[middle - 1] as number) + high) / 2;
};

/** Least-squares slope of `y` against `x`. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

export function flatness(rows: readonly SoakRow[]): Flatness {
  if (rows.length < rowsMin) return { lines: [], verdict: `verdict: none (${rows.length} windows, need ${rowsMin})` };
  const early = rows.slice(1, 4);
  const late = rows.slice(-3);
  const failed: string[] = [];
  const lines: string[] = [];
  const rate = (key: "txn/s" | "CPU ms/txn" | "KB written/txn", higherIsWorse: boolean): void => {
    const before = median(early.map((r) => r[key]));
    const after = median(late.map((r) => r[key]));
    const ratio = before === 0 ? 1 : after / before;
    const ok = higherIsWorse ? ratio <= 1 + rateTolerance : ratio >= 1 - rateTolerance;
    const bound = higherIsWorse ? `<= ${1 + rateTolerance}` : `>= ${1 - rateTolerance}`;
    lines.push(`${key}: early median ${before.toFixed(2)}, late median ${after.toFixed(2)}, ` +
      `x${ratio.toFixed(2)} (flat if ${bound}) ${ok ? "ok" : "GROWS"}`);
    if (!ok) failed.push(`${key} x${ratio.toFixed(2)}`);
  };
  rate("txn/s", false);
  rate("CPU ms/txn", true);
  rate("KB written/txn", true);
  const half = rows.slice(Math.floor(rows.length / 2));
  for (const key of ["max P RSS MB", "C RSS MB"] as const) {
    const perThousand = slope(half.map((r) => ({ x: r["txns to"] / 1000, y: r[key] })));
    const ok = perThousand <= rssSlopeMaxMbPer1000;
    lines.push(`${key}: ${perThousand.toFixed(2)} MB per 1000 txns over the second half ` +
      `(flat if <= ${rssSlopeMaxMbPer1000}) ${ok ? "ok" : "GROWS"}`);
    if (!ok) failed.push(`${key} +${perThousand.toFixed(2)} MB/1000 txns`);
  }
  return { lines, verdict: failed.length === 0 ? "verdict: flat" : `verdict: NOT flat (${failed.join("; ")})` };
}
