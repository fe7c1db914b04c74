/** PBFT §4.2 watermarks: a seq is acceptable only inside (h, h + W]. */
import type { Seq } from "../../spec/messages.js";
import type { Env } from "./types.js";

export function inWindow(lowWatermark: Seq, seq: Seq, env: Env): boolean {
  if (!Number.isInteger(seq) || seq <= lowWatermark) return false;
  // The no-watermarks mutant accepts any seq above h: a Byzantine leader can then open holes.
  return env.mutant === "no-watermarks" || seq <= lowWatermark + env.config.windowSize;
}
