/**
 * The `text` format: a non-empty string of prose or short bullets.
 */
import { describeType } from './describe-value.ts';
import { accepted, rejected, type ParseResult } from './parse-result.ts';

/**
 * Parses a text answer: trims strings and turns finite numbers and booleans into their text.
 * Objects and lists are refused because flattening them would guess at a presentation the user never asked for.
 */
export function parseTextAnswer(raw: unknown): ParseResult {
  if (typeof raw === 'string') return accepted(raw.trim());
  if ((typeof raw === 'number' && Number.isFinite(raw)) || typeof raw === 'boolean') return accepted(String(raw));
  return rejected(`Expected the answer as plain text, got ${describeType(raw)}; reply with the text itself`);
}
