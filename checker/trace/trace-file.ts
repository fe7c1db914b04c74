/**
 * Building, writing and loading trace files (spec/trace.ts). A trace is rebuilt
 * from a path of action indices by replaying it from the initial world, so BFS
 * keeps only parent pointers and never whole states.
 */
import fs from "node:fs";
import path from "node:path";
import { traceFormat, traceVersion, Trace, type ActionRecord } from "../../spec/trace.js";
import { decodeWith, type DecodeResult } from "../../spec/decode-result.js";
import { isMutant } from "../mutants/names.js";
import { configProblem } from "../../spec/config.js";
import { actionAt } from "../model/actions.js";
import { describeAction } from "../model/action-codec.js";
import { worldAfter } from "../model/checked-step.js";
import type { CheckConfig } from "../model/check-config.js";
import type { CheckContext } from "../model/context.js";
import { fingerprintHex } from "../engine/hash64.js";
import { WorldFingerprinter } from "../model/fingerprint.js";
import { initialWorld } from "../model/initial-world.js";
import type { World } from "../model/world.js";

export { fingerprintHex };

export function worldFingerprintHex(world: World, ctx: CheckContext,
  fingerprinter = new WorldFingerprinter(ctx)): string {
  const fp = { hi: 0, lo: 0 };
  fingerprinter.fingerprint(world, fp);
  return fingerprintHex(fp.hi, fp.lo);
}

/** Replays `indices` from the initial world and records each action and the fingerprint after it. */
export function traceFromPath(
  ctx: CheckContext, indices: readonly number[],
  meta: { mode: Trace["mode"]; seed: number | null; violation: Trace["violation"] },
): Trace {
  const fingerprinter = new WorldFingerprinter(ctx);
  let world = initialWorld(ctx);
  const actions: ActionRecord[] = [];
  const fingerprints: string[] = [];
  for (const index of indices) {
    const action = actionAt(world, ctx, index);
    if (action === undefined) throw new Error(`path index ${index} is not enabled at step ${actions.length}`);
    world = worldAfter(world, action, ctx);
    actions.push(describeAction(action));
    fingerprints.push(worldFingerprintHex(world, ctx, fingerprinter));
  }
  return {
    format: traceFormat, version: traceVersion, mode: meta.mode, seed: meta.seed, config: ctx.config,
    actions, fingerprints, violation: meta.violation,
  };
}

/** Writes the trace as `<dir>/<invariant>-<mutant|core>-<fingerprint>.json` and returns the path. */
export function writeTrace(dir: string, trace: Trace): string {
  fs.mkdirSync(dir, { recursive: true });
  const invariant = (trace.violation?.invariant ?? "clean").replace(/[^a-z0-9]+/gi, "-").toLowerCase();
  const tag = trace.config.mutant ?? "core";
  const last = trace.fingerprints[trace.fingerprints.length - 1] ?? "initial";
  const file = path.join(dir, `${invariant}-${tag}-${last}.json`);
  fs.writeFileSync(file, `${JSON.stringify(trace, null, 1)}\n`);
  return file;
}

/** Reads and decodes a trace file; every failure is one line naming the file and the field. */
export function loadTrace(file: string): DecodeResult<{ trace: Trace; config: CheckConfig }> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    return { ok: false, error: `${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `${file}: not JSON: ${(e as Error).message}` };
  }
  const decoded = decodeWith(Trace, json);
  if (!decoded.ok) return { ok: false, error: `${file}: ${decoded.error}` };
  const trace = decoded.value;
  const c = trace.config;
  if (c.mutant !== null && !isMutant(c.mutant)) {
    return { ok: false, error: `${file}: config.mutant: unknown mutant "${c.mutant}"` };
  }
  const problem = configProblem(c.protocol);
  if (problem !== null) return { ok: false, error: `${file}: config.protocol: ${problem}` };
  if (c.protocol.participantCount !== c.n || c.protocol.faultyMax !== c.f) {
    return { ok: false, error: `${file}: config.protocol disagrees with n/f` };
  }
  // Retired strategy names were `all` under another name (adversary-strategy.ts).
  const strategy = c.strategy === "collude" || c.strategy === "twins" ? "all" : c.strategy;
  return { ok: true, value: { trace, config: { ...c, strategy } } };
}
