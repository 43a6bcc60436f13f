/**
 * U+0000 in text that came from outside as JSON (a page's JSON-LD, a search provider's answer, a
 * model's JSON reply), where `\u0000` escapes it: HTML cannot carry it (its parser drops the raw
 * character), no name or answer means it, and PostgreSQL cannot store it as text. Dropped where
 * such text enters, so a name holding it still matches the same name elsewhere on the page.
 */
export function withoutNul(text: string): string {
  return hasNul(text) ? text.replaceAll('\u0000', '') : text;
}

/** Whether `text` holds U+0000 (the API refuses it where it would be stored as plain text: api/schemas/plain-text.ts). */
export function hasNul(text: string): boolean {
  return text.includes('\u0000');
}

/** A copy of `value` with U+0000 dropped from every string and object key in it. */
export function withoutNulDeep(value: unknown): unknown {
  if (typeof value === 'string') return withoutNul(value);
  if (Array.isArray(value)) return value.map(withoutNulDeep);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [withoutNul(key), withoutNulDeep(child)]));
  return value;
}
