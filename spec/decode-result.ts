/**
 * Decoding untrusted input at the runtime's edges (STYLE.md "Schemas at the
 * edges"): a bad peer message or a bad config file is an expected case, so the
 * outcome is a value, never an exception, and its error is ONE line a person can
 * act on: `nodes[2].port: Expected number, got "x"`.
 */
import { Result, Schema, SchemaIssue } from "effect";

export type DecodeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

/** Decodes `input` with `schema`; on failure, the first issue as one line with its path and the offending value. */
export function decodeWith<S extends Schema.ConstraintDecoder<unknown>>(
  schema: S, input: unknown,
): DecodeResult<S["Type"]> {
  const result = Schema.decodeUnknownResult(schema)(input);
  if (Result.isSuccess(result)) return { ok: true, value: result.success };
  return { ok: false, error: formatIssue(result.failure.issue, input) };
}

const formatter = SchemaIssue.makeFormatterStandardSchemaV1();

/** `a.b[2].c: <message>, got <value>`; the value is looked up in the input by the issue's path. */
export function formatIssue(issue: SchemaIssue.Issue, input: unknown): string {
  const first = formatter(issue).issues[0];
  if (first === undefined) return "invalid value";
  const path = (first.path ?? []).map((p) => (typeof p === "object" ? p.key : p));
  const where = formatPath(path);
  const found = lookup(input, path);
  const got = found.present ? `, got ${describe(found.value)}` : "";
  return `${where === "" ? "" : `${where}: `}${first.message}${got}`;
}

/** `["nodes", 2, "port"]` -> `nodes[2].port` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function lookup(input: unknown, path: readonly PropertyKey[]): { present: boolean; value?: unknown } {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return { present: false };
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return { present: true, value };
}

/** A short rendering of a bad value: enough to recognise it, never a whole payload, never a throw. */
function describe(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? "undefined" : JSON.stringify(value) ?? typeof value;
  } catch {
    text = Array.isArray(value) ? "an array" : typeof value;
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
