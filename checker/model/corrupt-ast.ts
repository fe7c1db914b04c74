/**
 * Reading an effect Schema AST alongside a value (the single-field corruption operator,
 * corrupt-schema.ts, and the pools of known values it draws from, corrupt-pools.ts). A
 * struct is named by its `kind` literal, a signed envelope by what it signs, any other
 * struct by its field names: so `Signed(Prepare)` nested in a certificate and the
 * top-level `Signed<Message>` holding a PREPARE share one name, and one pool.
 */
import type { SchemaAST } from "effect";

export type Ast = SchemaAST.AST;

export interface Property {
  readonly name: string;
  readonly type: Ast;
  readonly optional: boolean;
}

/** The AST a suspended (recursive) schema stands for. */
export function resolved(ast: Ast): Ast {
  let at = ast;
  while (at._tag === "Suspend") at = at.thunk();
  return at;
}

export function propertiesOf(ast: Ast): Property[] {
  const at = resolved(ast);
  if (at._tag !== "Objects") return [];
  return at.propertySignatures.map((p) =>
    ({ name: String(p.name), type: p.type, optional: p.type.context?.isOptional === true }));
}

/** A signed envelope: a struct of exactly body, signer and signature (spec/messages.ts `Signed`). */
export function isSigned(ast: Ast): boolean {
  const names = propertiesOf(ast).map((p) => p.name).sort();
  return names.join(",") === "body,signature,signer";
}

/** The members of a union of literals (a flag, an outcome), or null for any other node. */
export function literalsOf(ast: Ast): readonly unknown[] | null {
  const at = resolved(ast);
  if (at._tag !== "Union" || !at.types.every((t) => t._tag === "Literal")) return null;
  return at.types.map((t) => (t as SchemaAST.Literal).literal);
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" &&
  !Array.isArray(v);

/** Whether `value` has the shape of `ast`: literals, leaf types, required keys, elements (not the checks). */
export function fits(ast: Ast, value: unknown): boolean {
  const at = resolved(ast);
  switch (at._tag) {
    case "Literal": return value === at.literal;
    case "Null": return value === null;
    case "Number": return typeof value === "number";
    case "String": return typeof value === "string";
    case "Boolean": return typeof value === "boolean";
    case "Union": return at.types.some((t) => fits(t, value));
    case "Arrays": {
      const element = at.rest[0];
      return Array.isArray(value) && (element === undefined || value.every((v) => fits(element, v)));
    }
    case "Objects": return isRecord(value) && propertiesOf(at).every((p) =>
      (p.optional && value[p.name] === undefined) || fits(p.type, value[p.name]));
    default: return false;
  }
}

/** The member of a union `value` is an instance of (the first that fits), or null. */
export function memberOf(ast: Ast, value: unknown): Ast | null {
  const at = resolved(ast);
  if (at._tag !== "Union") return fits(at, value) ? at : null;
  for (const t of at.types) {
    const member = memberOf(t, value);
    if (member !== null) return member;
  }
  return null;
}

/** A struct's name: its kind literal, `Signed<body's name>` for an envelope, else its field names. */
export function structName(ast: Ast, value: unknown): string {
  const props = propertiesOf(ast);
  const kind = props.find((p) => p.name === "kind");
  const kindAst = kind === undefined ? null : resolved(kind.type);
  if (kindAst !== null && kindAst._tag === "Literal") return String(kindAst.literal);
  if (isSigned(ast)) {
    const body = props.find((p) => p.name === "body")?.type as Ast;
    const bodyValue = isRecord(value) ? value["body"] : undefined;
    const member = memberOf(body, bodyValue);
    return `Signed<${member === null ? "?" : structName(member, bodyValue)}>`;
  }
  return props.map((p) => p.name).join(",");
}

export { isRecord };
