import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseFlags } from "../../../checker/cli/flags.js";
import { simulateCommandFromFlags, simulateFlags } from "../../../checker/cli/simulate-options.js";

const simulateMain = fileURLToPath(new URL("../../../checker/cli/simulate-main.js", import.meta.url));

function simulate(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [simulateMain, ...args], { encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const faulty = [
  "--n", "4", "--f", "1", "--propose", "commit", "--byzantine-prob", "1", "--loss", "0.1", "--dup", "0.05",
  "--txns", "2", "--seed", "7",
];

describe("simulate", () => {
  it("prints each participant's confirmation, the message log and the faulty participants with evidence", () => {
    const run = simulate(...faulty);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /\(a\) confirmations/);
    assert.match(run.stdout, /t1 \(seq 1\): P0 (committed|aborted), /);
    assert.match(run.stdout, /C replied (committed|aborted)/);
    assert.match(run.stdout, /\(b\) messages exchanged \(\d+ events\)/);
    assert.match(run.stdout, /deliver C -> P\d PrePrepare v=0 s=1/);
    assert.match(run.stdout, /\(c\) potentially faulty\n {2}P\d (proven|suspected) \(reported by/);
    assert.match(run.stdout, /\(d\) messages per decided txn\n {2}t1 \(seq 1\): \d+ messages/);
  });

  it("gives byte-identical output for the same seed, and another run for another seed", () => {
    const a = simulate(...faulty);
    const b = simulate(...faulty);
    assert.equal(a.stdout, b.stdout);
    const other = simulate(...faulty.slice(0, -1), "8");
    assert.notEqual(other.stdout, a.stdout);
  });

  it("gives the same report as one JSON object, and the log as JSON lines", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "simulate-"));
    const log = path.join(dir, "log.jsonl");
    const run = simulate(...faulty, "--json", "--log", log);
    assert.equal(run.status, 0, run.stderr);
    const summary = JSON.parse(run.stdout) as {
      confirmations: unknown[]; log: unknown[]; faulty: unknown[]; messagesPerTxn: unknown[];
    };
    assert.equal(summary.confirmations.length, 2);
    assert.ok(summary.faulty.length >= 1);
    const lines = fs.readFileSync(log, "utf8").trim().split("\n");
    assert.equal(lines.length, summary.log.length);
    assert.equal((JSON.parse(lines[0] ?? "{}") as { kind: string }).kind, "client");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("rejects a bad flag with one line and exit 2", () => {
    const run = simulate("--loss", "1.5");
    assert.equal(run.status, 2);
    assert.equal(run.stdout, "");
    assert.equal(run.stderr, `simulate: --loss must be a probability in 0..1, got "1.5" (see --help)\n`);
  });

  const bad: [string[], RegExp][] = [
    [["--n", "3"], /at least 3f\+1/],
    [["--participants", "P0=h:1,P1=h:2,P2=h:3"], /P3 has no address/],
    [["--participants", "P0=h:1,P0=h:2,P2=h:3,P3=h:4"], /P0 appears twice/],
    [["--participants", "P0=h:0,P1=h:2,P2=h:3,P3=h:4"], /port must be in 1\.\.65535/],
    [["--participants", "P0=h,P1=h:2,P2=h:3,P3=h:4"], /P<i>=host:port/],
    [["--propose", "maybe"], /commit\|abort/],
    [["--dup=-0.1"], /probability/],
    [["--strategy", "chaos"], /--strategy/],
    [["--wat"], /wat/],
  ];
  for (const [args, error] of bad) {
    it(`explains ${args.join(" ")} in one line`, () => {
      const parsed = parseFlags(args, simulateFlags);
      const command = parsed.ok ? simulateCommandFromFlags(parsed.values) : parsed;
      assert.ok(!command.ok);
      assert.match(command.error, error);
      assert.doesNotMatch(command.error, /\n/);
    });
  }

  it("takes participants' addresses in any order, IPv6 included", () => {
    const parsed = parseFlags(
      ["--participants", "P1=b.example:7001,P0=[::1]:7000,P3=10.0.0.4:9,P2=c:65535"], simulateFlags);
    assert.ok(parsed.ok);
    const command = simulateCommandFromFlags(parsed.values);
    assert.ok(command.ok);
    assert.deepEqual(command.value.addresses, ["[::1]:7000", "b.example:7001", "c:65535", "10.0.0.4:9"]);
  });
});
