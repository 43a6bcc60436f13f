/**
 * The `money` format: `{ amount, currency, period?, as_of? }` with an ISO 4217 currency.
 */
import { readCurrency, resolveCurrency, type CurrencyToken } from './currency.ts';
import { parseDateAnswer } from './date.ts';
import { describeType, describeValue } from './describe-value.ts';
import { readPeriod, resolvePeriodField, MONEY_PERIODS } from './money-period.ts';
import { explainNotOneNumber, stripApproximation } from './number-phrasing.ts';
import { accepted, rejected, type MoneyAnswer, type MoneyPeriod, type ParseResult } from './parse-result.ts';
import { readScaledNumber } from './scaled-number.ts';

const EXAMPLES = 'with an amount and its currency, such as "$9.81B", "EUR 3.5 million", "GBP 120k/yr" or {"amount": 9810000000, "currency": "USD"}';

const OBJECT_FIELDS: ReadonlySet<string> = new Set(['amount', 'currency', 'period', 'as_of']);

/**
 * Parses a money answer from an object or from text such as "$9.81B", "€3.5 million",
 * "GBP 120k/yr", "CHF 12.5m" or "US$ 40 per month". The amount is exact (see scaled-number.ts),
 * a bare "$" means USD, and an answer without a currency is refused rather than assumed.
 */
export function parseMoneyAnswer(raw: unknown): ParseResult {
  if (typeof raw === 'string') return parseMoneyText(raw.normalize('NFKC').trim().replace(/\s+/g, ' '));
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) return parseMoneyObject(raw as Record<string, unknown>);
  return rejected(`Expected an amount of money, got ${describeType(raw)} ${describeValue(raw)}; reply ${EXAMPLES}`);
}

function parseMoneyText(text: string): ParseResult {
  const unparseable = (): ParseResult =>
    rejected(explainNotOneNumber(text, 'amount') ?? `'${text}' is not an amount of money; reply ${EXAMPLES}, or "Not found"`);
  let rest = stripApproximation(text);
  // A sign may come before the symbol ("-$5M") as well as after it ("$-5M").
  const isNegative = /^[-\u2212]/.test(rest) && readScaledNumber(rest) === undefined;
  if (isNegative) rest = rest.slice(1);
  const prefix = readCurrency(rest);
  if (prefix !== undefined) rest = prefix.rest;
  const number = readScaledNumber(rest.trimStart());
  if (number === undefined || (isNegative && number.value < 0)) return unparseable();
  let suffix = readCurrency(number.rest);
  // "per" and "one" look like three-letter codes; when the tail reads as a period, it is one.
  if (suffix !== undefined && suffix.code === undefined && readPeriod(number.rest) !== undefined) suffix = undefined;
  rest = suffix === undefined ? number.rest : suffix.rest;
  let period: MoneyPeriod | undefined;
  if (rest.trim() !== '') {
    period = readPeriod(rest);
    if (period === undefined) return unparseable();
  }
  const currency = chooseCurrency(text, prefix, suffix);
  if (typeof currency !== 'string') return currency;
  return buildAnswer(text, isNegative ? -number.value : number.value, currency, period, undefined);
}

/** Picks the one currency written before or after the amount; both may appear only if they agree ("$40 USD"). */
function chooseCurrency(text: string, prefix: CurrencyToken | undefined, suffix: CurrencyToken | undefined): string | ParseResult {
  for (const token of [prefix, suffix]) {
    if (token !== undefined && token.code === undefined) {
      return rejected(`'${token.written}' is not an ISO 4217 currency code; use a code such as USD, EUR or GBP`);
    }
  }
  const code = prefix?.code ?? suffix?.code;
  if (code === undefined) {
    return rejected(`'${text}' has no currency; add an ISO 4217 code such as USD or a symbol such as $ or €`);
  }
  if (prefix?.code !== undefined && suffix?.code !== undefined && prefix.code !== suffix.code) {
    return rejected(`'${text}' names two currencies (${prefix.code} and ${suffix.code}); give the amount in one`);
  }
  return code;
}

function parseMoneyObject(fields: Record<string, unknown>): ParseResult {
  const unexpected = Object.keys(fields).filter((key) => !OBJECT_FIELDS.has(key));
  if (unexpected.length > 0) {
    return rejected(`The money object has unexpected fields (${unexpected.join(', ')}); use only amount, currency, period and as_of`);
  }
  const amount = readAmountField(fields.amount);
  if (typeof amount !== 'number') return amount;
  if (typeof fields.currency !== 'string') {
    return rejected(`The money object needs "currency" as an ISO 4217 code such as "USD", got ${describeValue(fields.currency)}`);
  }
  const currency = resolveCurrency(fields.currency.normalize('NFKC'));
  if (currency === undefined) {
    return rejected(`'${fields.currency}' is not an ISO 4217 currency code; use a code such as USD, EUR or GBP`);
  }
  let period: MoneyPeriod | undefined;
  if (fields.period !== undefined && fields.period !== null) {
    period = typeof fields.period === 'string' ? resolvePeriodField(fields.period) : undefined;
    if (period === undefined) {
      return rejected(`${describeValue(fields.period)} is not a period; use one of ${MONEY_PERIODS.join(', ')}, or leave it out`);
    }
  }
  let asOf: string | undefined;
  if (fields.as_of !== undefined && fields.as_of !== null) {
    const date = parseDateAnswer(fields.as_of);
    if (!date.ok) return rejected(`The money object's as_of is not a date: ${date.reason}`);
    asOf = String(date.answer);
  }
  return buildAnswer(describeValue(fields), amount, currency, period, asOf);
}

/** The amount field may be a number or a plain number in text ("9.81B"), never one with a currency. */
function readAmountField(amount: unknown): number | ParseResult {
  if (typeof amount === 'number' && Number.isFinite(amount)) return amount;
  if (typeof amount === 'string') {
    const number = readScaledNumber(amount.normalize('NFKC').trim());
    if (number !== undefined && number.rest.trim() === '') return number.value;
  }
  return rejected(`The money object needs "amount" as a number in whole units (9810000000 for 9.81 billion), got ${describeValue(amount)}`);
}

function buildAnswer(written: string, amount: number, currency: string, period: MoneyPeriod | undefined, asOf: string | undefined): ParseResult {
  if (!Number.isFinite(amount)) return rejected(`${written} is too large to store as an amount`);
  const answer: MoneyAnswer = { amount, currency };
  if (period !== undefined) answer.period = period;
  if (asOf !== undefined) answer.as_of = asOf;
  return accepted(answer);
}
