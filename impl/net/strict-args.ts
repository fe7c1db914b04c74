/**
 * Flags of the runtime's commands (`npm run node`, `keys`, `cluster`): node's
 * `parseArgs` in strict mode with no positionals, its exception turned into a
 * value whose error is one line, so every command reports bad usage the same way
 * (a clear line and exit 2, never a stack trace).
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { DecodeResult } from "./decode-result.js";

type Options = NonNullable<ParseArgsConfig["options"]>;
type StrictConfig<O extends Options> = { args: string[]; options: O; strict: true; allowPositionals: false };
type StrictValues<O extends Options> = ReturnType<typeof parseArgs<StrictConfig<O>>>["values"];

export function strictArgs<O extends Options>(argv: readonly string[], options: O): DecodeResult<StrictValues<O>> {
  try {
    const { values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
    return { ok: true, value: values };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: message.split("\n")[0] ?? "bad arguments" };
  }
}
