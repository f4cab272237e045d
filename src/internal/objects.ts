// Small helpers for the plain JSON objects the library builds (chart values, hand-over props).

/** True for a JSON object: not null, not an array. */
export function isMap(value: unknown): value is { [key: string]: any } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object without its undefined entries (which JSON would drop anyway), in the same order. */
export function withoutUndefined<T extends { [key: string]: any }>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as Partial<T>;
}
