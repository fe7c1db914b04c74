/**
 * The single-field corruption operator (issue 12 part 1, issue 14 part 6): given a
 * well-formed value of a schema of spec/messages.ts, every value that differs from it in
 * exactly one place, found by walking the schema's AST alongside the value, never from a
 * list of fields, so a new field or kind is corrupted with no code written for it:
 *
 * - a number: one less (not below 0), one more, 0, and the least and greatest value seen
 *   in play under its field's name (the domain's edges);
 * - a string: every other value seen under its field's name (another digest in play), and
 *   one that matches no body;
 * - a union of literals: every other member; a nullable value: null, or (when null) each
 *   known value that fits;
 * - an optional key: removed when present; when absent, each kind of known value that fits
 *   (a leaf: the values seen under its name, else its type's simplest);
 * - an array: each element dropped, duplicated, replaced by a known element that differs
 *   from it in one leaf (one per leaf path: another kind, view, seq, digest, signer), or
 *   corrupted in place; an empty array gains one known element of each kind that fits;
 * - a signed envelope (`body`, `signer`, `signature`): its body corrupted in place,
 *   re-signed when its signer is one the domain may sign as (else, where the domain makes
 *   forged bodies, the signature no longer verifies: a forgery); its signer swapped for the
 *   domain's forgery names (a forgery) and for every node the domain may sign as, signed
 *   validly (a well-signed message from the wrong node); replaced by a known envelope of
 *   another kind; its signature alone forged, where the domain makes forged bodies.
 *
 * Results are deduplicated by canonical encoding, in walk order (fields in schema order,
 * elements in array order), and none equals the input: deterministic for equal inputs.
 */
import {
  fits, isRecord, isSigned, literalsOf, memberOf, propertiesOf, resolved, structName, type Ast,
} from "./corrupt-ast.js";
import type { CanonicalKeys } from "./canonical-keys.js";
import type { Pools } from "./corrupt-pools.js";

export interface CorruptionDomain {
  /** The node whose message this is: it signs validly only as itself. */
  readonly sender: number;
  /** Every node a nested signer may be swapped for, signed validly where `canSign` allows. */
  readonly nodes: readonly number[];
  /** The nodes an envelope of `signer` is forged as (a signer swapped, its signature no longer verifying). */
  readonly forgeAs: (signer: number) => readonly number[];
  /** The known values replacements are drawn from (corrupt-pools.ts). */
  readonly pools: Pools;
  /** Whose signature this corruption may make: the adversary's own; in a test of a check, anyone's. */
  readonly canSign: (node: number) => boolean;
  /**
   * Whether a body change inside an envelope it cannot sign is made (as a forgery). Off for the adversary:
   * a receiver that verifies rejects every forged envelope alike, and one that does not is exposed by the
   * envelope's own forgeries (its signature forged, its signer swapped), made either way.
   */
  readonly forgedBodies: boolean;
  readonly sign: (signer: number, body: unknown) => unknown;
  /** `body` claiming `claimed` as its signer, made by `by`: its signature does not verify. */
  readonly forge: (claimed: number, by: number, body: unknown) => unknown;
  /** A string no body has: a digest naming nothing. */
  readonly unmatched: string;
}

/** One corruption: where (a dotted path), what was done, and the corrupted whole. */
export interface Corruption {
  readonly path: string;
  readonly change: string;
  readonly value: unknown;
}

/** Every single-place corruption of `value`, read as an instance of `ast`. */
export function corruptions(ast: Ast, value: unknown, domain: CorruptionDomain): Corruption[] {
  const walk = new Walk(domain);
  const keys = domain.pools.keys;
  const seen = new Set([keys.of(value)]);
  return walk.node(ast, value, "", "").filter((c) => {
    const key = keys.of(c.value);
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}

class Walk {
  private readonly fitting = new Map<Ast, unknown[]>();
  private readonly leavesOf = new WeakMap<object, Map<string, string>>();

  constructor(private readonly d: CorruptionDomain) {}

  node(ast: Ast, value: unknown, path: string, field: string): Corruption[] {
    const literals = literalsOf(ast);
    if (literals !== null) {
      return literals.filter((l) => l !== value).map((l) => ({ path, change: `literal ${String(l)}`, value: l }));
    }
    const at = resolved(ast);
    switch (at._tag) {
      case "Number": return this.number(value as number, path, field);
      case "String": return this.string(value as string, path, field);
      case "Boolean": return [{ path, change: "negated", value: !value }];
      case "Union": return this.union(at, value, path, field);
      case "Arrays": return this.array(at.rest[0], value as readonly unknown[], path, field);
      case "Objects": return isSigned(at) ? this.signed(at, value, path) : this.struct(at, value, path);
      default: return [];
    }
  }

  private number(v: number, path: string, field: string): Corruption[] {
    const seen = this.d.pools.values(`field:${field}`).filter((x): x is number => typeof x === "number");
    const edges = seen.length === 0 ? [] : [Math.min(...seen), Math.max(...seen)];
    const out: Corruption[] = [];
    const candidates = [["-1", v - 1], ["+1", v + 1], ["0", 0], ["edge", edges[0]], ["edge", edges[1]]] as const;
    for (const [change, x] of candidates) {
      if (x !== undefined && x >= 0 && x !== v) out.push({ path, change: `${change} (${x})`, value: x });
    }
    return out;
  }

  private string(v: string, path: string, field: string): Corruption[] {
    const known = this.d.pools.values(`field:${field}`).filter((x): x is string => typeof x === "string" && x !== v);
    return [...known, this.d.unmatched].map((x) => ({ path, change: x === this.d.unmatched ? "unmatched" : "known",
      value: x }));
  }

  private union(at: Ast, value: unknown, path: string, field: string): Corruption[] {
    const types = at._tag === "Union" ? at.types : [];
    const nullable = types.some((t) => t._tag === "Null");
    if (value === null) return this.known(at, path).map((c) => ({ ...c, change: `non-null ${c.change}` }));
    const member = memberOf(at, value);
    const inner = member === null ? [] : this.node(member, value, path, field);
    return nullable ? [{ path, change: "null", value: null }, ...inner] : inner;
  }

  /** One known value of each struct name that fits `ast` (first seen): what an absent place may gain. */
  private known(ast: Ast, path: string): Corruption[] {
    let hit = this.fitting.get(ast);
    if (hit === undefined) {
      hit = [];
      for (const key of this.d.pools.names()) {
        if (key.startsWith("field:")) continue;
        const first = this.d.pools.values(key).find((v) => v !== null && fits(ast, v));
        if (first !== undefined) hit.push(first);
      }
      this.fitting.set(ast, hit);
    }
    return hit.map((v) => ({ path, change: `known ${structName(memberOf(ast, v) ?? ast, v)}`, value: v }));
  }

  /** Leaf values an absent optional leaf may gain: those seen under its name, else the leaf type's simplest. */
  private seeds(ast: Ast, path: string, field: string): Corruption[] {
    const literals = literalsOf(ast);
    const at = resolved(ast);
    const simplest = literals !== null ? literals.slice(0, 1) : at._tag === "Number" ? [0]
      : at._tag === "String" ? [this.d.unmatched] : at._tag === "Boolean" ? [false] : [];
    const seen = literals === null && simplest.length > 0 ? this.d.pools.values(`field:${field}`) : [];
    return [...new Set([...seen, ...simplest])].map((x) => ({ path, change: `added ${String(x)}`, value: x }));
  }

  private array(element: Ast | undefined, items: readonly unknown[], path: string, field: string): Corruption[] {
    if (element === undefined) return [];
    if (items.length === 0) return this.known(element, `${path}[0]`).map((c) => ({ ...c, value: [c.value] }));
    const out: Corruption[] = [];
    const at = (i: number, x: unknown): unknown[] => items.map((y, j) => (j === i ? x : y));
    items.forEach((item, i) => {
      const here = `${path}[${i}]`;
      out.push({ path: here, change: "dropped", value: items.filter((_, j) => j !== i) });
      out.push({ path: here, change: "duplicated", value: [...items.slice(0, i + 1), item, ...items.slice(i + 1)] });
      for (const r of this.replacements(element, item, here)) out.push({ ...r, value: at(i, r.value) });
      for (const c of this.node(element, item, here, field)) out.push({ ...c, value: at(i, c.value) });
    });
    return out;
  }

  /** Per leaf path of `item`, the first known value of its kind that differs from it there. */
  private replacements(element: Ast, item: unknown, path: string): Corruption[] {
    const member = memberOf(element, item);
    if (member === null || resolved(member)._tag !== "Objects") return [];
    const mine = this.leaves(item);
    const known = this.d.pools.values(structName(member, item));
    const out: Corruption[] = [];
    for (const [leaf, json] of mine) {
      const other = known.find((v) => this.leaves(v).get(leaf) !== json);
      if (other !== undefined) out.push({ path, change: `replaced by a known one differing at ${leaf}`, value: other });
    }
    return out;
  }

  private leaves(value: unknown): Map<string, string> {
    if (value === null || typeof value !== "object") return leaves(value, "", this.d.pools.keys);
    let hit = this.leavesOf.get(value);
    if (hit === undefined) { hit = leaves(value, "", this.d.pools.keys); this.leavesOf.set(value, hit); }
    return hit;
  }

  private struct(at: Ast, value: unknown, path: string): Corruption[] {
    if (!isRecord(value)) return [];
    const out: Corruption[] = [];
    for (const p of propertiesOf(at)) {
      const here = path === "" ? p.name : `${path}.${p.name}`;
      const v = value[p.name];
      const set = (x: unknown): Record<string, unknown> => ({ ...value, [p.name]: x });
      if (p.optional && v === undefined) {
        for (const c of [...this.known(p.type, here), ...this.seeds(p.type, here, p.name)]) {
          out.push({ ...c, value: set(c.value) });
        }
        continue;
      }
      if (p.optional) {
        const { [p.name]: _removed, ...rest } = value;
        out.push({ path: here, change: "removed", value: rest });
      }
      for (const c of this.node(p.type, v, here, p.name)) out.push({ ...c, value: set(c.value) });
    }
    return out;
  }

  private signed(at: Ast, value: unknown, path: string): Corruption[] {
    if (!isRecord(value)) return [];
    const { sender } = this.d;
    const signer = value["signer"] as number;
    const body = value["body"];
    const bodyAst = propertiesOf(at).find((p) => p.name === "body")?.type as Ast;
    const here = (name: string): string => (path === "" ? name : `${path}.${name}`);
    const out: Corruption[] = [];
    if (this.d.forgedBodies) {
      out.push({ path: here("signature"), change: "forged", value: this.d.forge(signer, sender, body) });
    }
    const own = this.d.canSign(signer);
    const bodies = own || this.d.forgedBodies ? this.node(bodyAst, body, here("body"), "body") : [];
    for (const c of bodies) {
      out.push({ ...c, change: `${c.change}, ${own ? "re-signed" : "forged"}`,
        value: own ? this.d.sign(signer, c.value) : this.d.forge(signer, sender, c.value) });
    }
    for (const node of this.d.forgeAs(signer)) {
      out.push({ path: here("signer"), change: `forged as ${node}`, value: this.d.forge(node, sender, body) });
    }
    for (const node of this.d.nodes) {
      if (node !== signer && this.d.canSign(node)) {
        out.push({ path: here("signer"), change: `signed by ${node}`, value: this.d.sign(node, body) });
      }
    }
    const name = structName(at, value);
    // At the root the kind is the router's matter (a handler is only ever given its own kind).
    for (const key of path === "" ? [] : this.d.pools.names()) {
      const other = this.d.pools.values(key)[0];
      if (!key.startsWith("Signed<") || key === name || other === undefined) continue;
      out.push({ path, change: `a known ${key}`, value: other });
    }
    return out;
  }
}

/** The leaves of a value by dotted path, as canonical JSON: what `replacements` compares. */
function leaves(value: unknown, path: string, keys: CanonicalKeys, out = new Map<string, string>()):
  Map<string, string> {
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (const [k, v] of entries) leaves(v, path === "" ? k : `${path}.${k}`, keys, out);
  } else {
    out.set(path, keys.of(value));
  }
  return out;
}
