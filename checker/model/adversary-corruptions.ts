/**
 * The single-field corruptions the faulty nodes send (issue 12 part 1): every value the
 * schema-driven operator (corrupt-schema.ts) makes from
 *
 * 1. each composite a faulty node builds from knowledge (adversary-composites.ts, and the
 *    pre-prepares with flag authority of adversary-authority.ts): its certificates, proofs,
 *    VIEW-CHANGEs, NEW-VIEWs, STATE-REPLYs, sent under its own signature;
 * 2. each honest signed message it knows that nests a signed one (a pre-prepare's request,
 *    a VIEW-CHANGE, a NEW-VIEW, a STATE-REPLY), re-signed by itself: the corruption is in
 *    its own envelope.
 *
 * Nested envelopes it cannot sign become forgeries when changed (their signature no longer
 * verifies); it signs validly only as itself. The bound: a message with no nested signed
 * message (a vote, a CHECKPOINT, a CONFIRM, a STATE-REQUEST) is not corrupted here, since
 * the fixed alphabet (adversary-alphabet.ts) already ranges over every value of its fields
 * in play; its single-field corruptions are members of that alphabet or lie outside the
 * bounded domains. Deterministic: composites in their order, then knowledge in its order;
 * deduplicated by canonical encoding, the composites themselves excluded.
 */
import { Message, type Message as MessageValue } from "../../spec/messages.js";
import type { AlphabetSource } from "./adversary-alphabet.js";
import { authorityPrePrepares } from "./adversary-authority.js";
import { composites } from "./adversary-composites.js";
import { CanonicalKeys } from "./canonical-keys.js";
import { memberOf } from "./corrupt-ast.js";
import { symbolicDomain } from "./corrupt-domain.js";
import { corruptions } from "./corrupt-schema.js";
import type { Envelope } from "./world.js";

/** Whether `value` holds a signed envelope below its top (a nested signature). */
function nestsSigned(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((c) => c !== null && typeof c === "object" &&
    (("signature" in c && "signer" in c && "body" in c) || nestsSigned(c)));
}

/**
 * The composites of `s.self`, then the single-field corruptions of each and of the honest messages it knows.
 * `keys`: the canonical encodings memo to deduplicate with (the context's, which the message intern shares).
 */
export function compositesWithCorruptions(s: AlphabetSource, knowledge: readonly Envelope[],
  keys = new CanonicalKeys()): MessageValue[] {
  if (knowledge.length === 0) return [];
  const built = [...composites(s, knowledge), ...authorityPrePrepares(s, knowledge)];
  const honest = knowledge.filter((e) => e.message.signer !== s.self).map((e) => e.message.body);
  const domain = symbolicDomain(s.env, s.self, knowledge.map((e) => e.message), [], "sender", keys);
  const targetKeys = new Set<string>();
  const targets = [...built, ...honest].filter((m) => {
    const key = keys.of(m);
    return nestsSigned(m) && !targetKeys.has(key) && targetKeys.add(key) !== undefined;
  });
  for (const value of targets) domain.pools.add(Message.ast, value);
  const seen = new Set<string>();
  const out: MessageValue[] = [];
  const keep = (m: MessageValue): void => {
    const key = keys.of(m);
    if (!seen.has(key)) { seen.add(key); out.push(m); }
  };
  for (const m of built) keep(m);
  for (const target of targets) {
    const member = memberOf(Message.ast, target);
    if (member === null) continue;
    for (const c of corruptions(member, target, domain)) keep(c.value as MessageValue);
  }
  return out;
}
