import assert from "node:assert/strict";
import fs from "node:fs";
import {
  editedCopy, mutantTrace, runReplay, spawnReplay, writeTemp, type CliResult,
} from "../../support/replay-cli.js";

/** A bad input is one line on stderr, nothing on stdout, exit 2, and never a stack trace. */
function assertOneLineError(r: CliResult, pattern: RegExp): void {
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, "");
  const lines = r.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0] as string, /^replay: /);
  assert.match(lines[0] as string, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
}

const lastLine = (r: CliResult): string => r.stdout.trimEnd().split("\n").pop() ?? "";

type Json = Record<string, unknown> & {
  config: Record<string, unknown>; fingerprints: string[]; actions: Record<string, unknown>[];
};

describe("npm run replay", () => {
  const trace = mutantTrace();

  it("judges an exactly replayed liveness trace where it ends, not after more healed steps", () => {
    // The first step alone: the coordinator's equivocation reached P0, nothing is decided yet. The run the
    // trace claims ended there, so replay must say so; a fresh healed phase would decide t1 by a view change.
    const cut = editedCopy(trace, (t) => {
      const j = t as Json;
      j.actions = j.actions.slice(0, 1);
      j.fingerprints = j.fingerprints.slice(0, 1);
      j["violation"] = { invariant: "liveness", message: "t1 undecided" };
    }, "liveness-cut.json");
    const exact = runReplay([cut]);
    assert.equal(exact.status, 1, exact.stdout);
    assert.match(lastLine(exact), /^REPRODUCED: liveness .*t1 at P\d.* undecided at the end of the recorded run/);
  });

  it("reproduces a recorded violation step by step and exits 1", () => {
    const r = spawnReplay([trace]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^ {3}1\. /m);
    assert.match(lastLine(r), /^REPRODUCED: [a-z -]+ /);
    assert.doesNotMatch(r.stdout, /diverges/);
  });

  it("with --verbose, says what each stepped node emitted", () => {
    const r = runReplay([trace, "--verbose"]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^ {8}P\d sends Prepare v=0 s=1 d=\w+ to /m);
    // The trace ends where I10a catches the mutant: P1 prepared on one PREPARE too few and sends its COMMIT.
    assert.match(r.stdout, /^ {8}P\d sends Commit v=0 s=1 d=\w+ to /m);
  });

  it("runs clean (exit 0) once the mutant is removed from the config: the fix is the rule", () => {
    const r = runReplay([editedCopy(trace, (t) => { (t as Json).config["mutant"] = null; })]);
    assert.equal(r.status, 0, r.stdout);
    assert.match(lastLine(r), /^CLEAN: the recorded violation of [a-z -]+ no longer happens/);
    assert.match(r.stdout, /^diverges at step \d+ \(fingerprint\)/m);
  });

  it("names the step whose fingerprint was tampered with", () => {
    const r = runReplay([editedCopy(trace, (t) => { (t as Json).fingerprints[4] = "0123456789abcdef"; })]);
    const divergence = new RegExp("^diverges at step 5 \\(fingerprint\\): "
      + "the world's fingerprint is [0-9a-f]{16}, the trace says 0123456789abcdef$", "m");
    assert.match(r.stdout, divergence);
    assert.equal(r.status, 1, "every action is still enabled, so the violation still reproduces");
  });

  it("stops at a step that is not enabled in the recorded world: unreplayable, exit 2", () => {
    // P3 is Byzantine: no timer of its ever fires, whatever the trace.
    const r = runReplay([editedCopy(trace, (t) => {
      (t as Json).actions[2] = { kind: "fire", node: 3, timer: "view-change" };
    })]);
    assert.equal(r.status, 2);
    assert.match(lastLine(r), /^UNREPLAYABLE: step 3: its action is not enabled in the recorded world$/);
  });

  describe("a malformed trace is one line and exit 2", () => {
    it("not JSON", () => assertOneLineError(runReplay([writeTemp("bad.json", "{ not json")]), /bad\.json: not JSON: /));
    it("another version", () => assertOneLineError(
      runReplay([editedCopy(trace, (t) => { t["version"] = 2; })]), /version: Expected 1, got 2/));
    it("a missing field", () => assertOneLineError(
      runReplay([editedCopy(trace, (t) => { delete (t as Json).config["budgets"]; })]),
      /config\.budgets: Missing key/));
    it("an unknown mutant", () => assertOneLineError(
      runReplay([editedCopy(trace, (t) => { (t as Json).config["mutant"] = "no-such-rule"; })]),
      /config\.mutant: unknown mutant "no-such-rule"/));
    it("a fingerprint missing", () => assertOneLineError(
      runReplay([editedCopy(trace, (t) => { (t as Json).fingerprints.pop(); })]),
      /fingerprints: \d+ for \d+ actions/));
    it("a file that is not there", () => assertOneLineError(
      spawnReplay(["traces/no-such-trace.json"]), /cannot read: ENOENT/));
    it("no file named", () => assertOneLineError(runReplay([]), /which trace\?/));
    it("an unknown flag", () => assertOneLineError(runReplay([trace, "--colour"]), /Unknown option '--colour'/));
    it("an unknown renderer", () => assertOneLineError(
      runReplay([trace, "--render", "png"]), /--render must be one of none\|mermaid\|html/));
  });

  it("renders a Mermaid sequence diagram: participants, message arrows, the Byzantine node, " +
    "highlighted violation", () => {
    const out = writeTemp("diagram.mmd", "");
    const r = runReplay([trace, "--render", "mermaid", "--out", out]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^diagram: /m);
    const text = fs.readFileSync(out, "utf8");
    assert.match(text, /^sequenceDiagram\n/);
    for (const name of ["C", "P0", "P1", "P2"]) {
      assert.match(text, new RegExp(`^ {2}participant ${name}( as ${name} \\(byzantine\\))?$`, "m"));
    }
    assert.match(text, /^ {2}participant P3 as P3 \(byzantine\)$/m);
    assert.match(text, /^ {2}C-[-)>x]+P\d: \d+\. .*PrePrepare v=0 s=1 t1:commit/m);
    assert.match(text, /^ {2}rect rgb\(255, 200, 200\)\n {4}Note over \w+,P3: VIOLATION of [a-z -]+: /m);
    assert.doesNotMatch(text, /;/);
  });
});
