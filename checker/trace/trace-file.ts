/**
 * byzcommit's trace files (spec/trace.ts) as documents of the engine's trace
 * container (engine/trace-document.ts): the engine runs the path or the records
 * through the run model (world-run-model.ts) and writes the records, the world's
 * fingerprint after each and the verdict; byzcommit adds its mode, seed and
 * config, names the file, and decodes it with its schema. BFS keeps only parent
 * pointers, never whole states: a trace is rebuilt by replaying its path.
 */
import fs from "node:fs";
import path from "node:path";
import { traceFormat, traceVersion, Trace } from "../../spec/trace.js";
import { decodeWith, type DecodeResult } from "../../spec/decode-result.js";
import { isMutant } from "../mutants/names.js";
import { configProblem } from "../../spec/config.js";
import type { CheckConfig } from "../model/check-config.js";
import type { CheckContext } from "../model/context.js";
import { fingerprintHex } from "../engine/hash64.js";
import { documentFromPath, documentText } from "../engine/trace-document.js";
import { WorldFingerprinter } from "../model/fingerprint.js";
import { worldRunModel } from "../model/world-run-model.js";
import type { World } from "../model/world.js";

export { fingerprintHex };

/** The engine document's header for byzcommit's trace files. */
export const traceHeader = { format: traceFormat, version: traceVersion } as const;

/** What a trace file holds beside the engine's records, fingerprints and verdict. */
export interface TraceMeta {
  readonly mode: Trace["mode"];
  readonly seed: number | null;
  readonly violation: Trace["violation"];
}

export function worldFingerprintHex(world: World, ctx: CheckContext,
  fingerprinter = new WorldFingerprinter(ctx)): string {
  const fp = { hi: 0, lo: 0 };
  fingerprinter.fingerprint(world, fp);
  return fingerprintHex(fp.hi, fp.lo);
}

/** Replays `indices` from the initial world and records each action and the fingerprint after it. */
export function traceFromPath(ctx: CheckContext, indices: readonly number[], meta: TraceMeta): Trace {
  const fields = { mode: meta.mode, seed: meta.seed, config: ctx.config };
  return documentFromPath(worldRunModel(ctx), traceHeader, fields, indices, meta.violation);
}

/** Writes the trace as `<dir>/<invariant>-<mutant|core>-<fingerprint>.json` and returns the path. */
export function writeTrace(dir: string, trace: Trace): string {
  fs.mkdirSync(dir, { recursive: true });
  const invariant = (trace.violation?.invariant ?? "clean").replace(/[^a-z0-9]+/gi, "-").toLowerCase();
  const tag = trace.config.mutant ?? "core";
  const last = trace.fingerprints[trace.fingerprints.length - 1] ?? "initial";
  const file = path.join(dir, `${invariant}-${tag}-${last}.json`);
  fs.writeFileSync(file, documentText(trace));
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
  const { corrupt, ...plain } = c;
  return { ok: true, value: { trace, config: { ...plain, strategy, ...(corrupt === true ? { corrupt } : {}) } } };
}
