/**
 * Recognising how often a money amount recurs: "/yr", "per month", "annually", "one-time".
 */
import type { MoneyPeriod } from './parse-result.ts';

/** The stored period values, in the order instructions list them. */
export const MONEY_PERIODS: readonly MoneyPeriod[] = ['year', 'quarter', 'month', 'week', 'day', 'one_time'];

// Unit nouns only count after "/", "per", "a", "an" or "each"; alone, "5 USD d" is not a rate.
// Maps, not object literals: a lookup of "constructor" must not find Object.prototype's.
const UNIT_PERIODS: ReadonlyMap<string, MoneyPeriod> = new Map(
  Object.entries({
    year: 'year',
    yr: 'year',
    annum: 'year',
    y: 'year',
    quarter: 'quarter',
    qtr: 'quarter',
    q: 'quarter',
    month: 'month',
    mo: 'month',
    mth: 'month',
    week: 'week',
    wk: 'week',
    day: 'day',
  } satisfies Record<string, MoneyPeriod>),
);

// Words that name a period on their own, also accepted as a `period` field in an object answer.
const STANDALONE_PERIODS: ReadonlyMap<string, MoneyPeriod> = new Map(
  Object.entries({
    annually: 'year',
    annual: 'year',
    yearly: 'year',
    'p.a.': 'year',
    pa: 'year',
    quarterly: 'quarter',
    monthly: 'month',
    weekly: 'week',
    daily: 'day',
    'one-time': 'one_time',
    'one time': 'one_time',
    one_time: 'one_time',
    'one-off': 'one_time',
    once: 'one_time',
  } satisfies Record<string, MoneyPeriod>),
);

const UNIT_PATTERN = /^\s*(?:\/\s*|per\s+|a\s+|an\s+|each\s+)([a-z]+)\.?\s*$/i;

/**
 * Reads a whole period phrase ("/yr", "per month", "annually"). Returns undefined when `text` is
 * not exactly one period phrase; callers treat that as unparseable trailing text.
 */
export function readPeriod(text: string): MoneyPeriod | undefined {
  const phrase = text
    .trim()
    .toLowerCase()
    .replace(/^\(|\)$/g, '')
    .trim();
  const standalone = STANDALONE_PERIODS.get(phrase);
  if (standalone !== undefined) return standalone;
  const unit = UNIT_PATTERN.exec(phrase)?.[1];
  return unit === undefined ? undefined : UNIT_PERIODS.get(unit);
}

/** Resolves an object answer's `period` field: a stored value, a standalone word, or a unit noun. */
export function resolvePeriodField(text: string): MoneyPeriod | undefined {
  const field = text.trim().toLowerCase();
  return (MONEY_PERIODS as readonly string[]).includes(field)
    ? (field as MoneyPeriod)
    : (STANDALONE_PERIODS.get(field) ?? UNIT_PERIODS.get(field) ?? readPeriod(field));
}
