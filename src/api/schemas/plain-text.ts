/**
 * The 422 message for U+0000 where text is stored as plain text (table names, view names, ids,
 * queries) or compared against it (path ids, query values): PostgreSQL text cannot hold U+0000, so
 * it is refused, on SQLite too, so both databases accept the same input. Values stored as JSON
 * (cell data, metadata, column configs) keep it, escaped, and read back as sent: a route names
 * those parts of its body (`keepsNulUnder`); everywhere else in a body it is refused
 * (request-input.ts, with `hasNul` from domain/nul-characters.ts).
 */
export const NUL_MESSAGE = 'text must not contain NUL characters (\\u0000); remove them';
