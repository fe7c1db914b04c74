/**
 * What a soak's nodes hold, window by window, so that a growth the verdict
 * (soak-flatness.ts) reports can be traced to its structure (issue 15):
 * - memory per node: the V8 heap used and committed, ArrayBuffers (frames, LMDB values), RSS
 *   split into anonymous pages (heap, malloc) and file pages (LMDB's data file
 *   is memory-mapped, so a store that grows on disk grows RSS), and the store's
 *   file size on disk;
 * - items held at a participant (P0) and at C: the lengths of the core state's
 *   lists and the store's key count (GET /metrics `byzcommit_held_items`).
 * Every series gets a least-squares slope over the second half of the windows,
 * like RSS in the verdict, and the ones that rise are listed: the suspects.
 */
import { slope } from "./soak-flatness.js";
import type { ProcSample } from "./proc-sample.js";

/** One node at one window's end. */
export interface NodeHeld {
  readonly name: string;
  readonly proc: ProcSample | null;
  /** GET /metrics parsed by `parseMetrics`; empty when the node did not answer. */
  readonly metrics: ReadonlyMap<string, number>;
  /** Bytes of the node's LMDB data files on disk (its state; C's txn book too). */
  readonly storeBytes: number;
}

export interface DiagnosisWindow {
  readonly acknowledged: number;
  readonly nodes: readonly NodeHeld[];
}

/** Prometheus text (metrics.ts renders it) as `name{labels}` to value. */
export function parseMetrics(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const space = line.lastIndexOf(" ");
    const value = Number(line.slice(space + 1));
    if (space > 0 && Number.isFinite(value)) values.set(line.slice(0, space), value);
  }
  return values;
}

const mb = (bytes: number): number => Number((bytes / 2 ** 20).toFixed(1));

/** A node's memory figures in MB, by name. */
export function memoryOf(node: NodeHeld): Record<string, number> {
  const metric = (name: string): number => node.metrics.get(name) ?? 0;
  return {
    heap: mb(metric("process_heap_bytes")),
    "heap total": mb(metric("nodejs_heap_size_total_bytes")),
    buffers: mb(metric("nodejs_array_buffers_bytes")),
    anon: mb(node.proc?.rssAnonBytes ?? 0), file: mb(node.proc?.rssFileBytes ?? 0), disk: mb(node.storeBytes),
  };
}

const heldPrefix = "byzcommit_held_items{what=\"";

/** A node's held items by structure (node-views.ts `heldItems`). */
export function heldOf(node: NodeHeld): Record<string, number> {
  const held: Record<string, number> = {};
  for (const [key, value] of node.metrics) {
    if (key.startsWith(heldPrefix)) held[key.slice(heldPrefix.length, -2)] = value;
  }
  const records = node.metrics.get("byzcommit_outcome_records");
  if (records !== undefined) held["outcome records"] = records;
  return held;
}

/** One row per window: each node's memory as `heap/buffers/anon/file/disk` MB. */
export function memoryTable(windows: readonly DiagnosisWindow[]): Record<string, string | number>[] {
  return windows.map((window) => {
    const row: Record<string, string | number> = { "txns to": window.acknowledged };
    for (const node of window.nodes) row[`${node.name} MB`] = Object.values(memoryOf(node)).join(" / ");
    return row;
  });
}

/** One row per window: what `name` holds, a column per structure that is ever non-empty. */
export function heldTable(windows: readonly DiagnosisWindow[], name: string): Record<string, number>[] {
  const rows = windows.map((window) => {
    const node = window.nodes.find((n) => n.name === name);
    return { "txns to": window.acknowledged, ...(node === undefined ? {} : heldOf(node)) } as Record<string, number>;
  });
  const shown = new Set(rows.flatMap((row) => Object.keys(row).filter((key) => (row[key] ?? 0) > 0)));
  return rows.map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => shown.has(key))));
}

/**
 * A series rises when its second-half slope adds this much over the half (MB), or this share of its level and
 * at least `risingItemsMin` items (a list of a handful that gains two is noise).
 */
export const risingMbMin = 2;
export const risingShareMin = 0.1;
export const risingItemsMin = 32;

/**
 * The series that rise over the second half, steepest first: `node series +slope per 1000 txns`.
 * Memory is in MB; items count. A series at zero throughout is skipped.
 */
export function risingSeries(windows: readonly DiagnosisWindow[]): string[] {
  const half = windows.slice(Math.floor(windows.length / 2));
  if (half.length < 3) return [];
  const series = new Map<string, { x: number; y: number }[]>();
  const add = (key: string, x: number, y: number): void => {
    series.set(key, [...(series.get(key) ?? []), { x, y }]);
  };
  for (const window of half) {
    for (const node of window.nodes) {
      const x = window.acknowledged / 1000;
      for (const [what, value] of Object.entries(memoryOf(node))) add(`${node.name} ${what} MB`, x, value);
      for (const [what, value] of Object.entries(heldOf(node))) add(`${node.name} ${what}`, x, value);
    }
  }
  const span = ((half.at(-1)?.acknowledged ?? 0) - (half[0]?.acknowledged ?? 0)) / 1000;
  const rising: { line: string; share: number }[] = [];
  for (const [key, points] of series) {
    const perThousand = slope(points);
    const level = Math.max(...points.map((p) => Math.abs(p.y)));
    if (level === 0 || perThousand <= 0) continue;
    const added = perThousand * span;
    const share = added / level;
    if (key.endsWith(" MB") ? added < risingMbMin : share < risingShareMin || added < risingItemsMin) continue;
    rising.push({ line: `${key}: +${perThousand.toFixed(2)} per 1000 txns (+${(share * 100).toFixed(0)}% over the ` +
      `second half, now ${points.at(-1)?.y})`, share });
  }
  return rising.sort((a, b) => b.share - a.share).map((r) => r.line);
}
