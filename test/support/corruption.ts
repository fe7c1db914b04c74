/**
 * The single-field corruption operator (checker/model/corrupt-schema.ts) as the core's
 * property tests use it (issue 14 part 6): every corruption of an honest-built value that
 * its validity function accepts, apart from the ones a test lists as benign, each with a
 * one-line why. Any node's signature may be made here (a test of a check: a well-signed
 * value from the wrong node), and forged bodies are made too.
 */
import type { Ast } from "../../checker/model/corrupt-ast.js";
import { symbolicDomain, type Typed } from "../../checker/model/corrupt-domain.js";
import { corruptions, type Corruption } from "../../checker/model/corrupt-schema.js";
import type { Env } from "../../impl/core/types.js";
import { asNodeId } from "../../spec/ids.js";

/** A corruption the check may accept, and why that is right. */
export interface Benign {
  readonly why: string;
  readonly holds: (c: Corruption) => boolean;
}

export interface Judged {
  /** Every corruption made. */
  readonly made: readonly Corruption[];
  /** The ones accepted that no benign entry covers: each is a hole in the check. */
  readonly holes: readonly Corruption[];
  /** The benign entries that covered an accepted corruption. */
  readonly used: ReadonlySet<string>;
}

/**
 * Judges every corruption of `honest` (an instance of `ast`) by `accepts`. `sender` is the node the value
 * comes from; `known` adds values of the same kind to the pools (another certificate, another view's message).
 */
export function judge(env: Env, sender: number, ast: Ast, honest: unknown, accepts: (v: unknown) => boolean,
  benign: Readonly<Record<string, Benign>>, known: readonly Typed[] = []): Judged {
  const domain = symbolicDomain(env, asNodeId(sender), [], [{ ast, value: honest }, ...known], "all");
  const made = corruptions(ast, honest, domain);
  const holes: Corruption[] = [];
  const used = new Set<string>();
  for (const c of made) {
    if (!accepts(c.value)) continue;
    const entry = Object.entries(benign).find(([, b]) => b.holds(c));
    if (entry === undefined) holes.push(c);
    else used.add(entry[0]);
  }
  return { made, holes, used };
}

/** One line per hole, for an assertion message. */
export const describeHoles = (holes: readonly Corruption[]): string =>
  holes.slice(0, 12).map((c) => `${c.path}: ${c.change}`).join("\n  ");

/** The node a signer swap names ("signed by N", "forged as N", optionally followed by ", re-signed"), or null. */
export function swappedTo(c: Corruption): number | null {
  const m = /^(?:signed by|forged as) (\d+)/.exec(c.change);
  return m === null ? null : Number(m[1]);
}
