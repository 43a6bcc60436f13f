/**
 * Reading numbers the way research answers write them: "1,234.5", "9.81B", "1.2 million", "3e6".
 * Shared by the numeric and money formats.
 *
 * The value is computed from the decimal digits as text, never by multiplying floats, because
 * 9.81 * 1e9 is 9810000000.000002 in floating point and a stored amount must be exactly 9810000000.
 */

/** A number read from the start of a text, and the text that follows it. */
export interface ScaledNumber {
  /** The value with its scale word applied; may be Infinity when the text overflows a double. */
  value: number;
  /** The unread remainder of the text, untrimmed. */
  rest: string;
}

// Thousands separators must be commas in groups of three: "1,23" is a European decimal, and
// accepting spaces would read the two numbers "100 200" as 100200.
const NUMBER_PATTERN = /^(?<sign>[-+\u2212])?(?<integer>\d{1,3}(?:,\d{3})+(?!\d)|\d+)?(?:\.(?<fraction>\d+))?(?:e(?<exponent>[-+]?\d{1,4}))?/i;

// The letter forms are case-insensitive and must not run into a following word, so "5 TRY" stays
// five Turkish lira instead of becoming 5 trillion followed by "RY".
const SCALE_PATTERN = /^\s*(?<scale>thousand|million|billion|trillion|mln|mm|mn|bn|tn|k|m|b|t)(?![a-z])/i;

const SCALE_EXPONENTS: Readonly<Record<string, number>> = {
  thousand: 3,
  k: 3,
  million: 6,
  mln: 6,
  mm: 6,
  mn: 6,
  m: 6,
  billion: 9,
  bn: 9,
  b: 9,
  trillion: 12,
  tn: 12,
  t: 12,
};

// Beyond this the value is Infinity or 0 anyway; the cap keeps "1e9999" from building a huge string.
const MAXIMUM_EXPONENT = 400;

/**
 * Reads an optionally signed decimal number and an optional scale word (k, M, bn, million…) from
 * the start of `text`. Returns undefined when `text` does not start with a number.
 */
export function readScaledNumber(text: string): ScaledNumber | undefined {
  const number = NUMBER_PATTERN.exec(text);
  const groups = number?.groups;
  if (!number || !groups || (groups.integer === undefined && groups.fraction === undefined)) return undefined;
  let rest = text.slice(number[0].length);
  let exponent = groups.exponent === undefined ? 0 : Number(groups.exponent);
  const scale = SCALE_PATTERN.exec(rest);
  if (scale?.groups?.scale !== undefined) {
    exponent += SCALE_EXPONENTS[scale.groups.scale.toLowerCase()] ?? 0;
    rest = rest.slice(scale[0].length);
  }
  const integerDigits = (groups.integer ?? '0').replaceAll(',', '');
  const magnitude = decimalDigitsToNumber(integerDigits, groups.fraction ?? '', exponent);
  const isNegative = groups.sign === '-' || groups.sign === '\u2212';
  return { value: isNegative && magnitude !== 0 ? -magnitude : magnitude, rest };
}

/** Applies a power of ten by moving the decimal point in the digit string, then converts once. */
function decimalDigitsToNumber(integerDigits: string, fractionDigits: string, exponent: number): number {
  if (Math.abs(exponent) > MAXIMUM_EXPONENT) return exponent > 0 ? Infinity : 0;
  const digits = integerDigits + fractionDigits;
  const pointPosition = integerDigits.length + exponent;
  if (pointPosition >= digits.length) return Number(digits + '0'.repeat(pointPosition - digits.length));
  if (pointPosition <= 0) return Number(`0.${'0'.repeat(-pointPosition)}${digits}`);
  return Number(`${digits.slice(0, pointPosition)}.${digits.slice(pointPosition)}`);
}
