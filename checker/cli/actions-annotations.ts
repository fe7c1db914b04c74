/**
 * GitHub Actions workflow commands (`::error file=...::message`) for a check run, so a
 * violation shows on the run's summary page and the pull request, not only in the log.
 * Emitted when GITHUB_ACTIONS is "true", as every Actions runner sets it.
 */
import type { GateSummary } from "./gate-summary.js";

/** Escaping of a command's message, as the Actions runner decodes it. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escaping of a command's property values (file=, title=): also ':' and ','. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function command(kind: "error" | "warning" | "notice", properties: Record<string, string>, message: string): string {
  const props = Object.entries(properties).map(([k, v]) => `${k}=${escapeProperty(v)}`).join(",");
  return `::${kind}${props === "" ? "" : ` ${props}`}::${escapeData(message)}`;
}

/** One command a line: an error per violation (on its trace file) or for a vacuous run, a warning if incomplete. */
export function actionsAnnotations(s: GateSummary, what: string): string[] {
  const lines: string[] = [];
  for (const v of s.violations) {
    const where: Record<string, string> = s.trace === null ? {} : { file: s.trace };
    const replay = s.trace === null ? "" : `\nreplay it: npm run replay -- ${s.trace}`;
    const title = `byzcommit: ${v.invariant} violated`;
    lines.push(command("error", { ...where, title }, `${what}: ${v.message}${replay}`));
  }
  if (s.verdict === "vacuous") {
    const message = `${what}: no honest participant ever decided, so "clean" would prove nothing`;
    lines.push(command("error", { title: "byzcommit: vacuous run" }, message));
  }
  if (s.verdict === "incomplete") {
    const stop = s.stopReason === undefined ? "" : ` by its ${s.stopReason} bound`;
    const message = `${what}: stopped${stop} before the search's end; not a proof`;
    lines.push(command("warning", { title: "byzcommit: incomplete" }, message));
  }
  const missed = Object.entries(s.sometimes).filter(([, reached]) => !reached).map(([name]) => `"${name}"`);
  if (missed.length > 0 && s.verdict !== "vacuous") {
    lines.push(command("notice", { title: "byzcommit: not reached" }, `${what}: ${missed.join(", ")} not reached`));
  }
  return lines;
}
