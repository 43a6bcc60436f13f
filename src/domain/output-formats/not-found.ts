/**
 * Recognising "Not found". It is a first-class answer for every format: a model that cannot find
 * evidence must say so rather than invent a value, and the spellings below are how models say it.
 */

const NOT_FOUND_SPELLINGS: ReadonlySet<string> = new Set(['not found', 'n/a']);

/**
 * True when a raw answer means "no value": null, an empty or blank string, or "Not found" / "N/A"
 * in any letter case, optionally with a trailing full stop.
 * `undefined` is not "Not found": a reply without an answer is malformed and deserves a repair.
 */
export function isNotFoundAnswer(raw: unknown): boolean {
  if (raw === null) return true;
  if (typeof raw !== 'string') return false;
  const trimmed = raw.trim();
  return trimmed === '' || NOT_FOUND_SPELLINGS.has(trimmed.replace(/\.$/, '').trimEnd().toLowerCase());
}
