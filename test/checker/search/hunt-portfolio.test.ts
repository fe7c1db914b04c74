/**
 * The hunt's portfolio (checker/search/hunt-portfolio.ts) is plain `npm run check` arguments: each entry must parse
 * as the checker's own flags, leave the budget, output and format to the hunt, and reach a part the others do not.
 */
import assert from "node:assert/strict";
import { checkConfigFromFlags, checkFlags } from "../../../checker/cli/check-options.js";
import { parseFlags } from "../../../checker/cli/flags.js";
import { huntPortfolio } from "../../../checker/search/hunt-portfolio.js";

describe("hunt portfolio", () => {
  it("holds searches whose arguments the checker accepts, with unique names, the budget left to the hunt", () => {
    assert.equal(new Set(huntPortfolio.map((s) => s.name)).size, huntPortfolio.length);
    for (const s of huntPortfolio) {
      const parsed = parseFlags(s.args, checkFlags);
      assert.ok(parsed.ok, `${s.name}: ${parsed.ok ? "" : parsed.error}`);
      const made = checkConfigFromFlags(parsed.values);
      assert.ok(made.ok, `${s.name}: ${made.ok ? "" : made.error}`);
      for (const owned of ["--max-seconds", "--out", "--json"]) assert.ok(!s.args.includes(owned), s.name);
    }
  });

  it("spans the modes and worlds: exhaustive, coverage and swarm; a Byzantine leader of view 1 and coordinator", () => {
    const modes = new Set(huntPortfolio.map((s) => {
      const parsed = parseFlags(s.args, checkFlags);
      assert.ok(parsed.ok);
      const made = checkConfigFromFlags(parsed.values);
      assert.ok(made.ok);
      return made.value.mode;
    }));
    assert.deepEqual([...modes].sort(), ["bfs", "coverage", "random"]);
    const worlds = huntPortfolio.map((s) => s.args.join(" "));
    assert.ok(worlds.some((w) => /--byzantine 0\b/.test(w) && /--timeouts [1-9]/.test(w)));
    assert.ok(worlds.some((w) => /--coordinator byzantine/.test(w)));
    assert.ok(worlds.some((w) => /--swarm/.test(w) && /--mode random/.test(w)));
  });
});
