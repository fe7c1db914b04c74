/**
 * spec/canonical.ts's encoding, memoised per object: the corruption operator builds
 * thousands of values that share every part but one with their original (structural
 * sharing), so each shared part is encoded once, not once per value that holds it. Values
 * are never mutated (STYLE.md), so an object's encoding never changes. A run's context holds
 * one (context.ts), shared by its runs' message interns and the corruption operator: the
 * encoding of an object is a function of its value alone, so the memo cannot hand one run
 * anything an earlier run made, only the same string sooner.
 */
export class CanonicalKeys {
  private readonly memo = new WeakMap<object, string>();

  of(value: unknown): string {
    if (value === null || typeof value !== "object") {
      if (typeof value === "number" && !Number.isFinite(value)) throw new TypeError(`cannot encode ${value}`);
      return value === undefined ? "null" : JSON.stringify(value);
    }
    const hit = this.memo.get(value);
    if (hit !== undefined) return hit;
    let key: string;
    if (Array.isArray(value)) {
      key = `[${value.map((v) => this.of(v)).join(",")}]`;
    } else {
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
      key = `{${keys.map((k) => `${JSON.stringify(k)}:${this.of(record[k])}`).join(",")}}`;
    }
    this.memo.set(value, key);
    return key;
  }
}
