/**
 * The wording around numbers in research answers: estimates we accept, and ranges, bounds and
 * decimal commas we refuse with a specific reason so a repair attempt knows what to change.
 * Shared by the numeric and money formats.
 */

// An estimate is still one number; the qualifier carries no value worth keeping in a numeric cell.
const APPROXIMATION_PATTERN = /^(?:~|≈|about\b|around\b|approximately\b|approx\.?|roughly\b|circa\b|ca\.|est\.|estimated\b)\s*/i;

// A dash between a digit (or a digit and its scale word) and another number: "10-20", "$10M–$20M", "5 to 10".
const RANGE_PATTERN = /\d\s*(?:[a-z%]{1,8}\.?)?\s*(?:-|–|—|\bto\b|\band\b)\s*[^\d\s]{0,4}\s*\d/i;

const BOUND_PATTERN = /^(?:over\b|more than\b|at least\b|up to\b|under\b|less than\b|below\b|above\b|>|<|≥|≤)|\d\s*[a-z]*\+$/i;

// "3,5" or "1.234.567": the comma or dot plays the other role than it does in English.
const DECIMAL_COMMA_PATTERN = /\d,\d{1,2}(?![\d,])|\d\.\d{3}\.\d/;

/** Removes a leading estimate qualifier such as "~", "about" or "approx." from trimmed text. */
export function stripApproximation(text: string): string {
  return text.replace(APPROXIMATION_PATTERN, '');
}

/**
 * Explains why `text` is not one number when the cause is recognisable: a range, a bound, or a
 * European decimal comma. `noun` names what the column wants ("number" or "amount").
 * Returns undefined otherwise, leaving the caller's generic reason.
 */
export function explainNotOneNumber(text: string, noun: 'number' | 'amount' = 'number'): string | undefined {
  const quoted = `'${text}'`;
  if (/^between\b/i.test(text) || RANGE_PATTERN.test(text)) {
    return `${quoted} is a range; reply with one ${noun} (the figure the best source states), or "Not found"`;
  }
  if (BOUND_PATTERN.test(text)) {
    return `${quoted} is a bound, not one ${noun}; reply with the ${noun} the source states, or "Not found"`;
  }
  if (DECIMAL_COMMA_PATTERN.test(text)) {
    return `${quoted} uses a comma for decimals or a dot for thousands; write numbers like 1234567.5 or 1,234,567.5`;
  }
  return undefined;
}
