/** `npm run cluster` arguments: the documented forms parse, bad ones give one line. */
import assert from "node:assert/strict";
import { parseClusterArgs } from "../../../../impl/net/cluster/cluster-args.js";

describe("cluster arguments", () => {
  it("parses faults, Byzantine behaviours and scheduled kills", () => {
    const parsed = parseClusterArgs([
      "--n", "4", "--f", "1", "--txns", "10", "--byzantine", "P3:equivocate", "--loss", "0.05",
      "--dup", "0.02", "--delay-ms", "0-20", "--kill", "P1@2s", "--restart", "P1@4500ms", "--json",
    ]);
    assert.ok(parsed.ok, parsed.ok ? "" : parsed.error);
    const { options, json } = parsed.value;
    assert.equal(json, true);
    assert.equal(options.txns, 10);
    assert.deepEqual([...options.byzantine], [["P3", "equivocate"]]);
    assert.deepEqual(options.faults, { loss: 0.05, duplicate: 0.02, delayMsMin: 0, delayMsMax: 20 });
    assert.deepEqual(options.events, [
      { action: "kill", node: "P1", atMs: 2000 }, { action: "restart", node: "P1", atMs: 4500 },
    ]);
  });

  it("signs expiries four windows ahead by default; --expires-after sets seqs, 0 none, bad gives one line", () => {
    const options = (argv: string[]): Record<string, unknown> => {
      const parsed = parseClusterArgs(argv);
      assert.ok(parsed.ok, parsed.ok ? "" : parsed.error);
      return parsed.value.options as unknown as Record<string, unknown>;
    };
    assert.equal(options(["--window", "64"])["expiresAfterSeqs"], 4 * 64);
    assert.equal(options(["--window", "64", "--expires-after", "64"])["expiresAfterSeqs"], 64);
    assert.equal("expiresAfterSeqs" in options(["--expires-after", "0"]), false);
    const bad = parseClusterArgs(["--expires-after", "1.5"]);
    assert.ok(!bad.ok);
    assert.match(bad.error, /^--expires-after: expected a whole number of seqs/);
  });

  it("parses a partition into groups and its heal", () => {
    const parsed = parseClusterArgs(["--partition", "P0,P1|P2,P3,C@2s", "--heal", "6500ms"]);
    assert.ok(parsed.ok, parsed.ok ? "" : parsed.error);
    assert.deepEqual(parsed.value.options.events, [
      { action: "partition", groups: [["P0", "P1"], ["P2", "P3", "C"]], atMs: 2000 }, { action: "heal", atMs: 6500 }]);
    const error = (argv: string[]): string => { const p = parseClusterArgs(argv); return p.ok ? "" : p.error; };
    assert.match(error(["--partition", "P0,P9@1s"]), /expected <nodes>\|<nodes>@<time>/);
    assert.match(error(["--partition", "P0|P0@1s"]), /expected <nodes>/);
    assert.match(error(["--partition", "P0|P1"]), /expected <nodes>/);
    assert.match(error(["--heal", "soon"]), /^--heal soon: expected <time>/);
  });

  it("derives W and K from the concurrency, and takes them (and the view-change timeout) as flags", () => {
    const derived = parseClusterArgs(["--concurrency", "32"]);
    assert.ok(derived.ok, derived.ok ? "" : derived.error);
    const derivedOptions = derived.value.options;
    assert.deepEqual(
      [derivedOptions.windowSize, derivedOptions.checkpointInterval, derivedOptions.viewChangeTicks],
      [128, 4, undefined]);
    const given = parseClusterArgs(["--window", "16", "--checkpoint-interval", "8", "--view-change-ticks", "40"]);
    assert.ok(given.ok, given.ok ? "" : given.error);
    const givenOptions = given.value.options;
    assert.deepEqual(
      [givenOptions.windowSize, givenOptions.checkpointInterval, givenOptions.viewChangeTicks], [16, 8, 40]);
  });

  it("rejects what it cannot run", () => {
    const error = (argv: string[]): string => { const p = parseClusterArgs(argv); return p.ok ? "" : p.error; };
    assert.match(error(["--byzantine", "C:equivocate"]), /expected P<i>:silent\|equivocate/);
    assert.match(error(["--byzantine", "P9:silent"]), /expected P<i>/);
    assert.match(error(["--kill", "P1"]), /expected <node>@<time>/);
    assert.match(error(["--loss", "2"]), /--loss: bad number/);
    assert.match(error(["--bogus"]), /Unknown option/);
    assert.match(error(["--window", "0"]), /^--window: expected a positive integer$/);
    assert.match(error(["--view-change-ticks", "x"]), /^--view-change-ticks: expected a positive integer$/);
    assert.match(error(["--window", "8", "--checkpoint-interval", "16"]),
      /^--checkpoint-interval 16 exceeds the window 8$/);
  });
});
