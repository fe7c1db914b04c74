/**
 * Freezes a value and everything reachable from it, so that any write to it
 * throws (ESM modules run in strict mode): the tests' way to catch `step`
 * mutating its input (STYLE.md: deep-freeze in tests).
 */
export function deepFreeze<T>(value: T): T {
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item !== "object" || seen.has(item)) continue;
    seen.add(item);
    Object.freeze(item);
    for (const key of Reflect.ownKeys(item)) stack.push((item as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}
