/**
 * The known values a corruption draws on (corrupt-schema.ts): every value seen in play,
 * walked alongside its schema and filed by where it fits. A struct is filed under its
 * name (corrupt-ast.ts `structName`: a kind, `Signed<kind>`, or its field names), a leaf
 * (number, string) under its field's name: a digest is replaced by another digest in
 * play, a view by another view, and a new field's values are filed without a word here.
 * First-seen order, deduplicated by canonical encoding, so equal inputs give equal pools.
 */
import { CanonicalKeys } from "./canonical-keys.js";
import { isRecord, memberOf, propertiesOf, resolved, structName, type Ast } from "./corrupt-ast.js";

export class Pools {
  private readonly byKey = new Map<string, unknown[]>();
  private readonly seen = new Set<string>();

  constructor(readonly keys: CanonicalKeys = new CanonicalKeys()) {}

  /** The values filed under `key`, in first-seen order. */
  values(key: string): readonly unknown[] {
    return this.byKey.get(key) ?? [];
  }

  /** Every struct name filed, in first-seen order (the kinds a wrong-kind swap draws from). */
  names(): string[] {
    return [...this.byKey.keys()];
  }

  /** Files `value` and every part of it, read as an instance of `ast`. */
  add(ast: Ast, value: unknown, field = ""): void {
    const at = resolved(ast);
    switch (at._tag) {
      case "Number":
      case "String":
      case "Boolean": return this.file(`field:${field}`, value);
      case "Union": {
        const member = memberOf(at, value);
        if (member !== null && member._tag !== "Null") this.add(member, value, field);
        return;
      }
      case "Arrays": {
        const element = at.rest[0];
        if (element !== undefined && Array.isArray(value)) for (const v of value) this.add(element, v, field);
        return;
      }
      case "Objects": {
        if (!isRecord(value)) return;
        this.file(structName(at, value), value);
        for (const p of propertiesOf(at)) if (value[p.name] !== undefined) this.add(p.type, value[p.name], p.name);
        return;
      }
      default: return;
    }
  }

  private file(key: string, value: unknown): void {
    const id = `${key}|${this.keys.of(value)}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    const list = this.byKey.get(key);
    if (list === undefined) this.byKey.set(key, [value]);
    else list.push(value);
  }
}
