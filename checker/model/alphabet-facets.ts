/**
 * The finite facets of the message schemas (spec/messages.ts), read off the schema
 * itself so that a new kind or field is covered without a word here: per struct of the
 * schema (named by its kind, or by its fields: `Txn` is "id,writes,reads") and field,
 * wherever the struct is nested, every literal of a union of literals (flags, outcomes), null and
 * non-null for a nullable field, empty and non-empty for an array, a valid and a
 * forged signature for a signed envelope, and a digest that matches and one that does
 * not match for a body with both. `observedFacets` says which of them a set of
 * messages shows; the completeness test compares the two (DESIGN.md §6: a test fails
 * when a message kind or a finite field value is missing from the alphabet).
 */
import type { SchemaAST } from "effect";
import { Message } from "../../spec/messages.js";
import type { Env } from "../../impl/core/types.js";
import { fits, memberOf } from "./corrupt-ast.js";

type Ast = SchemaAST.AST;

interface Property { readonly name: PropertyKey; readonly type: Ast }

const propertiesOf = (ast: Ast): readonly Property[] => (ast._tag === "Objects" ? ast.propertySignatures : []);
const names = (ast: Ast): Set<string> => new Set(propertiesOf(ast).map((p) => String(p.name)));
const isSigned = (ast: Ast): boolean => ["body", "signer", "signature"].every((n) => names(ast).has(n));
const literalsOf = (ast: Ast): readonly unknown[] | null =>
  ast._tag === "Union" && ast.types.every((t) => t._tag === "Literal")
    ? ast.types.map((t) => (t as SchemaAST.Literal).literal)
    : null;

/** The kinds of the `Message` union, from the schema. */
export function schemaKinds(): string[] {
  const ast = Message.ast;
  const members = ast._tag === "Union" ? ast.types : [ast];
  return members.map((m) => {
    const kind = propertiesOf(m).find((p) => p.name === "kind")?.type;
    return kind !== undefined && kind._tag === "Literal" ? String(kind.literal) : "?";
  });
}

/** Every facet the schema asks for, as "Kind path: facet" strings. */
export function schemaFacets(): string[] {
  const ast = Message.ast;
  const members = ast._tag === "Union" ? ast.types : [ast];
  const out: string[] = [];
  const done = new Set<Ast>();
  for (const member of members) {
    const kind = schemaKindOf(member);
    out.push(`${kind}: sent`, `${kind}: forged`);
    walkSchema(member, kind, out, done);
  }
  return out;
}

function schemaKindOf(member: Ast): string {
  const kind = propertiesOf(member).find((p) => p.name === "kind")?.type;
  return kind !== undefined && kind._tag === "Literal" ? String(kind.literal) : "?";
}

/** A struct's name: its kind literal, else its field names. */
function structName(ast: Ast): string {
  const kind = propertiesOf(ast).find((p) => p.name === "kind")?.type;
  if (kind !== undefined && kind._tag === "Literal") return String(kind.literal);
  if (isSigned(ast)) return `Signed<${structName(propertiesOf(ast).find((p) => p.name === "body")?.type as Ast)}>`;
  return propertiesOf(ast).map((p) => String(p.name)).join(",");
}

function walkSchema(ast: Ast, path: string, out: string[], done: Set<Ast> = new Set()): void {
  const literals = literalsOf(ast);
  if (literals !== null) {
    for (const l of literals) out.push(`${path}: ${String(l)}`);
    return;
  }
  switch (ast._tag) {
    case "Union": {
      const nonNull = ast.types.filter((t) => t._tag !== "Null");
      if (nonNull.length < ast.types.length) out.push(`${path}: null`, `${path}: non-null`);
      for (const t of nonNull) walkSchema(t, path, out, done);
      return;
    }
    case "Arrays": {
      out.push(`${path}: empty`, `${path}: non-empty`);
      for (const t of [...ast.elements, ...ast.rest]) walkSchema(t, `${path}[]`, out, done);
      return;
    }
    case "Objects": {
      if (done.has(ast)) return; // one set of facets per struct, wherever it is nested
      done.add(ast);
      const name = structName(ast);
      if (isSigned(ast)) out.push(`${name}: signature valid`, `${name}: signature forged`);
      if (names(ast).has("digest") && names(ast).has("proposal")) {
        out.push(`${name}: digest matches`, `${name}: digest mismatches`);
      }
      for (const p of propertiesOf(ast)) {
        if (p.name !== "kind" && p.name !== "signature") walkSchema(p.type, `${name}.${String(p.name)}`, out, done);
      }
      return;
    }
    default: return;
  }
}

/**
 * The facets `messages` show. `forged` are the ones sent under another node's name;
 * `verify` and `digest` judge signatures and digests as the checker's world does.
 */
export function observedFacets(messages: readonly unknown[], forged: readonly unknown[], env: Env): Set<string> {
  const seen = new Set<string>();
  const ast = Message.ast;
  const members = ast._tag === "Union" ? ast.types : [ast];
  const byKind = new Map(members.map((m) => [schemaKindOf(m), m] as const));
  const visit = (m: unknown, isForged: boolean): void => {
    const kind = String((m as { kind?: unknown }).kind);
    const member = byKind.get(kind);
    if (member === undefined) return;
    seen.add(`${kind}: ${isForged ? "forged" : "sent"}`);
    walkValue(member, m, kind, seen, env);
  };
  for (const m of messages) visit(m, false);
  for (const m of forged) visit(m, true);
  return seen;
}

function walkValue(ast: Ast, value: unknown, path: string, seen: Set<string>, env: Env): void {
  const literals = literalsOf(ast);
  if (literals !== null) {
    seen.add(`${path}: ${String(value)}`);
    return;
  }
  switch (ast._tag) {
    case "Union": {
      if (ast.types.some((t) => t._tag === "Null")) seen.add(`${path}: ${value === null ? "null" : "non-null"}`);
      if (value === null) return;
      // The member the value is (a flag authority is a Request or a suspended PRE-PREPARE); none if it fits none.
      const member = memberOf(ast, value);
      if (member !== null && member._tag === "Objects") walkValue(member, value, path, seen, env);
      return;
    }
    case "Arrays": {
      // A corruption may put a signed message of the wrong kind where another belongs: it shows no facet there.
      if (!fits(ast, value)) return;
      const items = value as readonly unknown[];
      seen.add(`${path}: ${items.length === 0 ? "empty" : "non-empty"}`);
      for (const t of [...ast.elements, ...ast.rest]) {
        for (const item of items) walkValue(t, item, `${path}[]`, seen, env);
      }
      return;
    }
    case "Objects": {
      if (!fits(ast, value)) return;
      const o = value as Record<string, unknown>;
      const name = structName(ast);
      if (isSigned(ast)) seen.add(`${name}: signature ${env.verify(o as never) ? "valid" : "forged"}`);
      if (names(ast).has("digest") && names(ast).has("proposal")) {
        seen.add(`${name}: digest ${env.digest(o["proposal"]) === o["digest"] ? "matches" : "mismatches"}`);
      }
      for (const p of propertiesOf(ast)) {
        if (p.name === "kind" || p.name === "signature") continue;
        walkValue(p.type, o[String(p.name)], `${name}.${String(p.name)}`, seen, env);
      }
      return;
    }
    default: return;
  }
}
