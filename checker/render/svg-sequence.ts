/**
 * Draws a sequence model as inline SVG, computed when the file is rendered (no
 * script, no library: the page must work with nothing to fetch). Lanes are
 * columns with a header and a dashed lifeline; each event takes one row below
 * the previous one, so time runs down the page.
 */
import { assertNever } from "../../impl/core/assert.js";
import type { Lane, SequenceEvent, SequenceModel } from "./sequence-model.js";
import { asNodeId } from "../../spec/ids.js";

const laneWidth = 170;
const marginX = 24;
const headerHeight = 34;
const top = 12;
const rowHeight = 34;
/** Estimated width of a character of the 11px labels, to size notes. */
const charWidth = 6.4;
const labelCharsMax = 52;

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export function renderSvg(model: SequenceModel): string {
  const center = new Map(model.lanes.map((l, i) => [l.id, marginX + laneWidth / 2 + i * laneWidth]));
  const x = (id: number): number => center.get(asNodeId(id)) ?? marginX;
  const width = marginX * 2 + model.lanes.length * laneWidth;
  const height = top + headerHeight + (model.events.length + 1) * rowHeight;
  const body: string[] = [];
  model.events.forEach((e, i) => body.push(eventSvg(e, top + headerHeight + (i + 1) * rowHeight, x, width, i)));
  return [
    `<svg id="sequence" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(model.title)}">`,
    markers(),
    ...model.lanes.map((l) => laneSvg(l, x(l.id), height)),
    ...body,
    "</svg>",
  ].join("\n");
}

function markers(): string {
  const marker = (id: string, colour: string): string =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" ` +
    `orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`;
  return `<defs>${marker("head-deliver", "#222")}${marker("head-byzantine", "#c0392b")}` +
    `${marker("head-replay", "#8e44ad")}${marker("head-submit", "#777")}</defs>`;
}

function laneSvg(lane: Lane, cx: number, height: number): string {
  const cls = lane.faulty ? "lane faulty" : "lane";
  const name = lane.faulty ? `${lane.name} (byzantine)` : lane.name;
  return `<g class="${cls}" data-node="${escapeXml(lane.name)}">` +
    `<rect class="lane-head" x="${cx - laneWidth / 2 + 10}" y="${top}" ` +
    `width="${laneWidth - 20}" height="${headerHeight - 8}" rx="4"/>` +
    `<text class="lane-name" x="${cx}" y="${top + 17}" text-anchor="middle">${escapeXml(name)}</text>` +
    `<line class="lifeline" x1="${cx}" y1="${top + headerHeight - 8}" x2="${cx}" y2="${height - 6}"/></g>`;
}

function eventSvg(e: SequenceEvent, y: number, x: (id: number) => number, width: number, index: number): string {
  switch (e.kind) {
    case "arrow": return arrowSvg(e, y, x, index);
    case "note": return noteSvg(e, y, x, width, index);
    default: return assertNever(e);
  }
}

function arrowSvg(
  e: Extract<SequenceEvent, { kind: "arrow" }>, y: number, x: (id: number) => number, index: number,
): string {
  const x1 = x(e.from);
  const full = x(e.to);
  // A lost message stops halfway, with a cross where it vanished.
  const x2 = e.style === "drop" ? x1 + (full - x1) * 0.6 : full;
  const head = e.style === "drop" ? "" : ` marker-end="url(#head-${e.style})"`;
  const cross = e.style === "drop"
    ? `<text class="cross" x="${x2}" y="${y + 4}" text-anchor="middle">✕</text>` : "";
  return `<g class="message ${e.style}" data-event="${index}"><title>${escapeXml(e.label)}</title>` +
    `<line x1="${x1}" y1="${y}" x2="${x2}" y2="${y}"${head}/>${cross}` +
    `<text class="label" x="${(x1 + full) / 2}" y="${y - 6}" text-anchor="middle">` +
    `${escapeXml(clip(e.label, labelCharsMax))}</text></g>`;
}

function noteSvg(
  e: Extract<SequenceEvent, { kind: "note" }>, y: number, x: (id: number) => number, width: number, index: number,
): string {
  const xs = e.over.map(x);
  const left = Math.min(...xs) - laneWidth / 2 + 8;
  const right = Math.max(...xs) + laneWidth / 2 - 8;
  const label = clip(e.text, Math.floor((width - 2 * marginX) / charWidth));
  const needed = label.length * charWidth + 16;
  const w = Math.min(Math.max(right - left, needed), width - 2 * marginX);
  const mid = (left + right) / 2;
  const x0 = Math.max(marginX, Math.min(mid - w / 2, width - marginX - w));
  const band = e.style === "violation"
    ? `<rect class="violation-band" x="0" y="${y - rowHeight / 2}" width="${width}" height="${rowHeight}"/>`
    : "";
  return `<g class="note ${e.style}" data-event="${index}"><title>${escapeXml(e.text)}</title>${band}` +
    `<rect x="${x0}" y="${y - 11}" width="${w}" height="22" rx="3"/>` +
    `<text class="label" x="${x0 + w / 2}" y="${y + 4}" text-anchor="middle">${escapeXml(label)}</text></g>`;
}
