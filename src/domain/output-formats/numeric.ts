/**
 * The `numeric` format (and its legacy alias `number`): one finite number.
 */
import { describeType, describeValue } from './describe-value.ts';
import { explainNotOneNumber, stripApproximation } from './number-phrasing.ts';
import { accepted, rejected, type ParseResult } from './parse-result.ts';
import { readScaledNumber } from './scaled-number.ts';

const EXAMPLES = 'such as 1200000, 1.2 million or 12%';

// A currency symbol or an upper-case three-letter code: the answer was written for a money column.
const CURRENCY_HINT = /[$€£¥₹]|\b[A-Z]{3}\b/;

/**
 * Parses a numeric answer. Accepts numbers and text like "1,234", "1.2 million", "9.8B" or "12%"
 * (a percentage keeps its number: 12% is 12). Rejects ranges, bounds and amounts with a currency,
 * since those need a different answer rather than a guess at which number was meant.
 */
export function parseNumericAnswer(raw: unknown): ParseResult {
  if (typeof raw === 'number') {
    return Number.isFinite(raw) ? accepted(raw) : rejected(`${describeValue(raw)} is not a finite number; reply with one number ${EXAMPLES}`);
  }
  if (typeof raw !== 'string') {
    return rejected(`Expected one number, got ${describeType(raw)} ${describeValue(raw)}; reply with one number ${EXAMPLES}`);
  }
  const text = raw.normalize('NFKC').trim();
  const number = readScaledNumber(stripApproximation(text));
  if (number !== undefined && /^\s*(?:%|percent\b)?\s*$/i.test(number.rest)) {
    if (!Number.isFinite(number.value)) return rejected(`'${text}' is too large to store as a number`);
    return accepted(number.value);
  }
  const explanation = explainNotOneNumber(text);
  if (explanation !== undefined) return rejected(explanation);
  if (CURRENCY_HINT.test(text)) {
    return rejected(`'${text}' looks like an amount of money; a numeric column takes a plain number ${EXAMPLES}`);
  }
  return rejected(`'${text}' is not a number; reply with one number ${EXAMPLES}, or "Not found"`);
}
