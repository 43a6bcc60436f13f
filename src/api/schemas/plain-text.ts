import type { z } from 'zod';

/** The 422 message for U+0000 where text is stored as plain text. */
export const NUL_MESSAGE = 'text must not contain NUL characters (\\u0000); remove them';

/**
 * Text stored in a plain text column (table names, descriptions, tags) or compared against one
 * (path ids, query values): PostgreSQL text cannot hold U+0000, so it is refused, on SQLite too,
 * so both databases accept the same input. Values stored as JSON (cell data, metadata) keep it,
 * escaped, and read back as sent.
 */
export function hasNul(text: string): boolean {
  return text.includes('\u0000');
}

/** `schema` with U+0000 refused (see `hasNul`). */
export function withoutNul<Schema extends z.ZodType<string>>(schema: Schema) {
  return schema.refine((text) => !hasNul(text), NUL_MESSAGE);
}
