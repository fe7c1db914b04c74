/**
 * `--junit FILE`: the check's result as JUnit XML, the format every CI system shows
 * as a test report. One test case per safety invariant (failed when violated, with the
 * trace path and the replay command in the failure), one per `sometimes` property
 * (the required witness fails when not reached, since the run is then vacuous; the
 * others are skipped when not reached), and one that the search completed within
 * its bounds (an incomplete search proves nothing beyond what it explored).
 */
import { requiredWitness, safetyInvariants, sometimesProperties } from "../../spec/invariants/index.js";
import type { GateSummary, GateViolation } from "./gate-summary.js";

interface TestCase {
  readonly classname: string;
  readonly name: string;
  readonly failure: { readonly message: string; readonly body: string } | null;
  readonly skipped: string | null;
}

/** XML 1.0 text and attribute escaping; control characters XML cannot carry become spaces. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, " ")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

function violationFailure(v: GateViolation, trace: string | null): TestCase["failure"] {
  const replay = trace === null ? "" : `\ntrace: ${trace}\nreplay it: npm run replay -- ${trace}`;
  return { message: `${v.invariant}: ${v.message}`, body: `${v.message}${replay}` };
}

function testCases(s: GateSummary): TestCase[] {
  const cases: TestCase[] = [];
  const known = new Set<string>();
  for (const inv of safetyInvariants) {
    known.add(inv.name);
    const v = s.violations.find((x) => x.invariant === inv.name);
    const failure = v === undefined ? null : violationFailure(v, s.trace);
    cases.push({ classname: "invariants", name: `${inv.id} ${inv.name}`, failure, skipped: null });
  }
  // Transition checks (detection completeness, core assertions, liveness) name themselves.
  for (const v of s.violations) {
    if (known.has(v.invariant)) continue;
    known.add(v.invariant);
    cases.push({ classname: "invariants", name: v.invariant, failure: violationFailure(v, s.trace), skipped: null });
  }
  for (const p of sometimesProperties) {
    const reached = s.sometimes[p.name] === true;
    const required = p.name === requiredWitness.name;
    const body = `"${p.name}" was never reached, so no violation proves nothing`;
    const vacuous = { message: "not reached: the run is vacuous", body };
    cases.push({
      classname: "sometimes", name: `${p.id} ${p.name}`,
      failure: !reached && required ? vacuous : null,
      skipped: !reached && !required ? "not reached within the search's bounds" : null,
    });
  }
  const incomplete = s.verdict === "incomplete";
  const stop = s.stopReason === undefined ? "" : ` (stopped by ${s.stopReason})`;
  cases.push({
    classname: "search", name: "the search completed within its bounds",
    failure: incomplete
      ? {
        message: `incomplete${stop}`,
        body: `the search stopped before its bound${stop}; nothing wrong in what it explored`,
      }
      : null,
    skipped: null,
  });
  return cases;
}

/** The JUnit XML document for one check run; `suite` names it (mode and config, say). */
export function junitXml(s: GateSummary, suite: string): string {
  const cases = testCases(s);
  const failures = cases.filter((c) => c.failure !== null).length;
  const skipped = cases.filter((c) => c.skipped !== null).length;
  const seconds = (s.elapsedMs / 1000).toFixed(3);
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="byzcommit check" tests="${cases.length}" failures="${failures}" time="${seconds}">`,
    `  <testsuite name="${escapeXml(suite)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}"` +
      ` time="${seconds}">`,
  ];
  for (const c of cases) {
    const open = `    <testcase classname="${escapeXml(c.classname)}" name="${escapeXml(c.name)}" time="0"`;
    if (c.failure !== null) {
      const failure = `      <failure message="${escapeXml(c.failure.message)}" type="${escapeXml(s.verdict)}">`;
      lines.push(`${open}>`, `${failure}${escapeXml(c.failure.body)}</failure>`, `    </testcase>`);
    } else if (c.skipped !== null) {
      lines.push(`${open}>`, `      <skipped message="${escapeXml(c.skipped)}"/>`, `    </testcase>`);
    } else {
      lines.push(`${open}/>`);
    }
  }
  lines.push(`  </testsuite>`, `</testsuites>`);
  return `${lines.join("\n")}\n`;
}
