/**
 * One self-contained HTML page for a replayed trace: the sequence diagram as
 * inline SVG (svg-sequence.ts), the verdict, and the step-by-step text. No script
 * and no external resource; a Content-Security-Policy forbids fetching anything.
 */
import type { SequenceModel } from "./sequence-model.js";
import { escapeXml, renderSvg } from "./svg-sequence.js";

const style = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 20px; color: #222; }
h1 { font-size: 18px; margin: 0 0 4px; } p.subtitle { color: #666; margin: 0 0 12px; font-size: 12px; }
p.verdict { font-weight: bold; } p.verdict.violation { color: #a00; }
svg text { font: 11px ui-monospace, monospace; fill: #222; }
.message .label { paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.lane-head { fill: #eef3fb; stroke: #4a6fa5; } .lane.faulty .lane-head { fill: #fbe9e7; stroke: #c0392b; }
.lane-name { font-weight: bold; } .lifeline { stroke: #9aa; stroke-dasharray: 4 4; }
.message line { stroke: #222; stroke-width: 1.4; }
.message.byzantine line { stroke: #c0392b; stroke-dasharray: 6 3; } .message.byzantine .label { fill: #c0392b; }
.message.replay line { stroke: #8e44ad; stroke-dasharray: 2 3; } .message.replay .label { fill: #8e44ad; }
.message.drop line { stroke: #999; stroke-dasharray: 3 3; } .message.drop .label, .cross { fill: #999; }
.message.submit line { stroke: #777; }
.note rect { fill: #fffbe6; stroke: #d4b106; }
.note.decide rect { fill: #e3f7e3; stroke: #2e8b57; } .note.reply rect { fill: #e3edfb; stroke: #4a6fa5; }
.note.evidence rect { fill: #fff0dc; stroke: #e67e22; } .note.skipped rect { fill: #f2f2f2; stroke: #aaa; }
.note.divergence rect { fill: #f2f2f2; stroke: #555; stroke-dasharray: 4 2; }
.violation-band { fill: #fdd; stroke: none; } .note.violation rect { fill: #fbb; stroke: #a00; stroke-width: 2; }
.note.violation .label { font-weight: bold; fill: #700; }
pre { background: #f7f7f7; padding: 8px; overflow-x: auto; font-size: 12px; }
`;

export function renderHtml(model: SequenceModel, steps: readonly string[]): string {
  const failing = !model.verdict.startsWith("CLEAN");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeXml(model.title)}</title>
<style>${style}</style>
</head>
<body>
<h1>${escapeXml(model.title)}</h1>
<p class="subtitle">${escapeXml(model.subtitle)}</p>
<p class="verdict${failing ? " violation" : ""}">${escapeXml(model.verdict)}</p>
${renderSvg(model)}
<h2>Steps</h2>
<pre>${escapeXml(steps.join("\n"))}</pre>
</body>
</html>
`;
}
