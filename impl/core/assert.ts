/** Assertions are for our own mistakes, never for peer input (STYLE.md): a failure is a bug in byzcommit. */
export class AssertionFailure extends Error {
  override readonly name = "AssertionFailure";
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionFailure(message);
}

export function assertNever(value: never): never {
  throw new AssertionFailure(`unexpected variant: ${JSON.stringify(value)}`);
}
