/**
 * The engine's own assertions. The engine imports nothing from the protocol, not
 * even the core's `assert`; a failure here is a bug in the search, never bad input.
 */
export class EngineAssertionFailure extends Error {
  override readonly name = "EngineAssertionFailure";
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new EngineAssertionFailure(message);
}
