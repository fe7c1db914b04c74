/**
 * A throw from the core during BFS (its own `assert`, or a patched core's) is the finding "core-assertion" on the
 * step that threw, as random and coverage runs judge it: the search stops with that violation, its path rebuilds as
 * a trace whose last step leaves the world as it was, and the sequential and the rooted searches agree. Before, the
 * exception escaped the search and `npm run check` ended with exit 4 and no trace.
 */
import assert from "node:assert/strict";
import { makeCheckConfig } from "../../../checker/model/check-config.js";
import { makeContext, type CheckContext } from "../../../checker/model/context.js";
import { exploreBfs } from "../../../checker/model/world-bfs.js";
import { initialWorld } from "../../../checker/model/initial-world.js";
import { traceFromPath } from "../../../checker/trace/trace-file.js";

/**
 * The default world, with the core's env throwing when a participant verifies an honest participant's COMMIT: a
 * planted assertion a few honest steps deep (a COMMIT the Byzantine P3 sends would throw at depth 1).
 */
function throwingOnCommit(): CheckContext {
  const made = makeCheckConfig({});
  assert.ok(made.ok);
  const ctx = makeContext(made.config);
  const verify = ctx.env.verify;
  return {
    ...ctx,
    env: {
      ...ctx.env,
      verify: (m: Parameters<typeof verify>[0]) => {
        // A forged COMMIT (the adversary's forge move names an honest signer) does not verify: only a real one throws.
        const real = verify(m) && !ctx.config.byzantine.includes(m.signer);
        if ("kind" in m.body && m.body.kind === "Commit" && real) throw new Error("assertion failed: a planted one");
        return verify(m);
      },
    },
  };
}

const limits = { depthMax: 8, statesMax: 5_000_000, bytesMax: 2 ** 30 };

describe("BFS: a throw from the core", () => {
  it("is the violation core-assertion on the step that threw, with a path that rebuilds as a trace", function () {
    this.timeout(300_000);
    const ctx = throwingOnCommit();
    const result = exploreBfs(ctx, limits);
    assert.equal(result.stopReason, "violation");
    assert.equal(result.violation?.invariant, "core-assertion");
    assert.match(result.violation?.message ?? "", /a planted one/);
    const path = result.violation?.path ?? [];
    assert.ok(path.length > 0, "the throwing step is on the path");
    const violation = { invariant: "core-assertion", message: result.violation?.message ?? "" };
    const trace = traceFromPath(ctx, path, { mode: "bfs", seed: null, violation });
    assert.equal(trace.actions.length, path.length);
    assert.ok(path.length > 1, "an honest COMMIT is some steps deep");
    const [beforeLast, last] = trace.fingerprints.slice(-2);
    assert.equal(last, beforeLast, "the throwing step leaves the world as it was");
    assert.match(JSON.stringify(trace.actions.at(-1)), /Commit/);
  });

  it("is found the same from a given root (the rooted search wraps the same expander)", function () {
    this.timeout(300_000);
    const ctx = throwingOnCommit();
    const plain = exploreBfs(ctx, limits);
    const rooted = exploreBfs(ctx, { ...limits, root: initialWorld(ctx) });
    assert.equal(rooted.violation?.invariant, "core-assertion");
    assert.deepEqual(rooted.violation?.path, plain.violation?.path);
  });

  it("leaves a core that does not throw clean at the same depth", function () {
    this.timeout(300_000);
    const made = makeCheckConfig({});
    assert.ok(made.ok);
    const result = exploreBfs(makeContext(made.config), { ...limits, depthMax: 6 });
    assert.equal(result.violation, null);
  });
});
