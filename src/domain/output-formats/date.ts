/**
 * The `date` format: an ISO calendar date, full or partial (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
 */
import { describeType, describeValue } from './describe-value.ts';
import { accepted, rejected, type ParseResult } from './parse-result.ts';

const SHAPES = 'YYYY, YYYY-MM or YYYY-MM-DD (for example 2021, 2021-03 or 2021-03-03)';

const MONTH_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['january', 1],
  ['jan', 1],
  ['february', 2],
  ['feb', 2],
  ['march', 3],
  ['mar', 3],
  ['april', 4],
  ['apr', 4],
  ['may', 5],
  ['june', 6],
  ['jun', 6],
  ['july', 7],
  ['jul', 7],
  ['august', 8],
  ['aug', 8],
  ['september', 9],
  ['sep', 9],
  ['sept', 9],
  ['october', 10],
  ['oct', 10],
  ['november', 11],
  ['nov', 11],
  ['december', 12],
  ['dec', 12],
]);

// Only real month names, longest first so "sept" is not read as "sep" followed by a stray "t".
const MONTH = `(${[...MONTH_NUMBERS.keys()].sort((left, right) => right.length - left.length).join('|')})\\.?`;
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{4})';

const ISO_PATTERN = /^(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?)?$/;
// A timestamp keeps the date as written; shifting it by its offset would change the reported day.
const TIMESTAMP_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?$/i;
const MONTH_YEAR_PATTERN = new RegExp(`^${MONTH},?\\s+${YEAR}$`, 'i');
const MONTH_DAY_YEAR_PATTERN = new RegExp(`^${MONTH}\\s+${DAY},?\\s+${YEAR}$`, 'i');
const DAY_MONTH_YEAR_PATTERN = new RegExp(`^${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}$`, 'i');
const WEEKDAY_PREFIX = /^(?:mon|tue|tues|wed|thu|thurs|fri|sat|sun)[a-z]*\.?,?\s+/i;
const QUARTER_PATTERN = /\b(?:q[1-4]|h[12]|[1-4](?:st|nd|rd|th)\s+(?:quarter|half))\b|\bquarter\b/i;
const NUMERIC_YEAR_LAST_PATTERN = /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/;

/**
 * Parses a date answer into `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. Accepts ISO forms (also with `/`
 * or `.`), timestamps, "March 2021", "Mar 3, 2021" and "3 March 2021", and checks that the day
 * exists. Quarters are refused because they are not calendar dates, and numeric dates with the
 * year last (03/04/2021) because day and month order is ambiguous; even an unambiguous one such
 * as 25/12/2021 is refused, so the rule stays predictable for the model.
 */
export function parseDateAnswer(raw: unknown): ParseResult {
  if (typeof raw === 'number' && Number.isInteger(raw)) return buildDate(String(raw), raw, undefined, undefined);
  if (typeof raw !== 'string') {
    return rejected(`Expected a date as text, got ${describeType(raw)} ${describeValue(raw)}; write it as ${SHAPES}`);
  }
  const text = raw.normalize('NFKC').trim().replace(/\s+/g, ' ').replace(WEEKDAY_PREFIX, '');
  const iso = ISO_PATTERN.exec(text);
  if (iso) return buildDate(text, Number(iso[1]), optionalNumber(iso[3]), optionalNumber(iso[4]));
  const timestamp = TIMESTAMP_PATTERN.exec(text);
  if (timestamp) return buildDate(text, Number(timestamp[1]), Number(timestamp[2]), Number(timestamp[3]));
  const monthYear = MONTH_YEAR_PATTERN.exec(text);
  if (monthYear) return buildNamedMonthDate(text, monthYear[1], undefined, monthYear[2]);
  const monthDayYear = MONTH_DAY_YEAR_PATTERN.exec(text);
  if (monthDayYear) return buildNamedMonthDate(text, monthDayYear[1], monthDayYear[2], monthDayYear[3]);
  const dayMonthYear = DAY_MONTH_YEAR_PATTERN.exec(text);
  if (dayMonthYear) return buildNamedMonthDate(text, dayMonthYear[2], dayMonthYear[1], dayMonthYear[3]);
  if (QUARTER_PATTERN.test(text)) {
    return rejected(
      `'${text}' is a quarter or half-year, not a date; reply with just the year (YYYY), or the exact month or day if the source states one, or "Not found"`,
    );
  }
  if (NUMERIC_YEAR_LAST_PATTERN.test(text)) {
    return rejected(`'${text}' is ambiguous between day-first and month-first order; write it as YYYY-MM-DD`);
  }
  return rejected(`'${text}' is not a date; write it as ${SHAPES}, or "Not found"`);
}

function optionalNumber(digits: string | undefined): number | undefined {
  return digits === undefined ? undefined : Number(digits);
}

function buildNamedMonthDate(text: string, monthName: string, day: string | undefined, year: string): ParseResult {
  // The pattern only admits names from MONTH_NUMBERS, so the lookup always succeeds.
  return buildDate(text, Number(year), MONTH_NUMBERS.get(monthName.toLowerCase()) ?? 0, optionalNumber(day));
}

/** Validates the parts against the calendar and formats them; the year range keeps out typos like 20211. */
function buildDate(text: string, year: number, month: number | undefined, day: number | undefined): ParseResult {
  if (year < 1000 || year > 9999) return rejected(`'${text}' has no four-digit year; write it as ${SHAPES}`);
  if (month === undefined) return accepted(String(year));
  if (month < 1 || month > 12) return rejected(`'${text}' has month ${month}, but months run from 1 to 12`);
  const yearMonth = `${year}-${String(month).padStart(2, '0')}`;
  if (day === undefined) return accepted(yearMonth);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return rejected(`'${text}' is not a real date: ${yearMonth} has ${daysInMonth} days`);
  return accepted(`${yearMonth}-${String(day).padStart(2, '0')}`);
}
