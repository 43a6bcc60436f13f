/**
 * Quoting raw answers inside rejection reasons. Reasons are fed back to the model and shown to
 * users, so a runaway answer must not turn one reason into pages of text.
 */

const MAXIMUM_QUOTED_LENGTH = 80;

/** Renders a raw answer for a reason: strings in single quotes, other values as compact JSON, both shortened. */
export function describeValue(raw: unknown): string {
  if (typeof raw === 'string') return `'${shorten(raw.trim())}'`;
  if (raw === undefined) return 'nothing';
  if (typeof raw === 'number' || typeof raw === 'boolean' || raw === null) return String(raw);
  try {
    return shorten(JSON.stringify(raw) ?? String(raw));
  } catch {
    // Circular structures cannot be serialised; the type is still worth naming.
    return `a value of type ${typeof raw}`;
  }
}

/** Names the JSON type of a value for "expected X, got Y" sentences. */
export function describeType(raw: unknown): string {
  if (raw === null) return 'null';
  if (raw === undefined) return 'nothing';
  if (Array.isArray(raw)) return 'a list';
  if (typeof raw === 'object') return 'an object';
  if (typeof raw === 'string') return 'text';
  return `a ${typeof raw}`;
}

/** Joins names into a readable list, quoting nothing: "Free, Pro, Team". */
export function listNames(names: readonly string[]): string {
  return names.join(', ');
}

function shorten(text: string): string {
  return text.length <= MAXIMUM_QUOTED_LENGTH ? text : `${text.slice(0, MAXIMUM_QUOTED_LENGTH - 1)}…`;
}
