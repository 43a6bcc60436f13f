/**
 * JSON text that is the same for equal values whatever the key order: object keys are sorted at
 * every depth and `undefined` properties are left out, as `JSON.stringify` leaves them out.
 * Used for cache keys, where `{a, b}` and `{b, a}` must hash alike.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const entry = (value as Record<string, unknown>)[key];
    if (entry !== undefined) sorted[key] = sortKeys(entry);
  }
  return sorted;
}
