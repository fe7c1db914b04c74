/**
 * A sequence model as Mermaid `sequenceDiagram` text. Mermaid has no colours per
 * arrow, so the arrow's shape tells the kind: solid for a delivery, dotted for a
 * Byzantine move or replay, a cross for a lost message. Decisions, evidence and
 * the violation sit in coloured `rect` blocks so they stand out.
 */
import { assertNever } from "../../impl/core/assert.js";
import type { ArrowStyle, NoteStyle, SequenceEvent, SequenceModel } from "./sequence-model.js";
import { asNodeId } from "../../spec/ids.js";

const arrows: Record<ArrowStyle, string> = {
  deliver: "->>", submit: "->>", byzantine: "--)", replay: "--)", drop: "-x",
};

const highlight: Partial<Record<NoteStyle, string>> = {
  decide: "rgb(214, 245, 214)",
  reply: "rgb(214, 230, 250)",
  evidence: "rgb(255, 236, 204)",
  divergence: "rgb(235, 235, 235)",
  violation: "rgb(255, 200, 200)",
};

/** Mermaid reads `;` as a statement end and `#` as an entity start; `->` in a label can look like an arrow. */
function text(s: string): string {
  return s.replace(/#/g, "#35;").replace(/;/g, "#59;").replace(/->/g, "→").replace(/\r?\n/g, "<br/>");
}

export function renderMermaid(model: SequenceModel): string {
  const ids = new Map(model.lanes.map((l, i) => [l.id, { alias: l.name, index: i }]));
  const alias = (id: number): string => ids.get(asNodeId(id))?.alias ?? `N${id}`;
  const out = ["sequenceDiagram", `  %% ${text(model.title)}`, `  %% ${text(model.subtitle)}`];
  for (const lane of model.lanes) {
    out.push(lane.faulty ? `  participant ${lane.name} as ${lane.name} (byzantine)` : `  participant ${lane.name}`);
  }
  for (const e of model.events) out.push(...eventLines(e, alias, (id) => ids.get(asNodeId(id))?.index ?? 0));
  out.push(`  %% ${text(model.verdict)}`);
  return `${out.join("\n")}\n`;
}

function eventLines(e: SequenceEvent, alias: (id: number) => string, index: (id: number) => number): string[] {
  switch (e.kind) {
    case "arrow": return [`  ${alias(e.from)}${arrows[e.style]}${alias(e.to)}: ${text(e.label)}`];
    case "note": {
      const sorted = [...e.over].sort((a, b) => index(a) - index(b));
      const first = sorted[0];
      const last = sorted[sorted.length - 1];
      const span = first === undefined || last === undefined ? ""
        : first === last ? alias(first) : `${alias(first)},${alias(last)}`;
      const note = `Note over ${span}: ${text(e.text)}`;
      const colour = highlight[e.style];
      return colour === undefined ? [`  ${note}`] : [`  rect ${colour}`, `    ${note}`, "  end"];
    }
    default: return assertNever(e);
  }
}
