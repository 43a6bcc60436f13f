import { describe, expect, it } from 'vitest';
import { parseAnswer } from './parse-answer.ts';

describe('parseAnswer money: text', () => {
  it.each([
    ['$9.81B', { amount: 9810000000, currency: 'USD' }],
    ['€3.5 million', { amount: 3500000, currency: 'EUR' }],
    ['GBP 120k/yr', { amount: 120000, currency: 'GBP', period: 'year' }],
    ['¥500M', { amount: 500000000, currency: 'JPY' }],
    ['CHF 12.5m', { amount: 12500000, currency: 'CHF' }],
    ['US$ 40 per month', { amount: 40, currency: 'USD', period: 'month' }],
    ['$1,200', { amount: 1200, currency: 'USD' }],
    ['$ 1.5 billion', { amount: 1500000000, currency: 'USD' }],
    ['USD 9.81 billion', { amount: 9810000000, currency: 'USD' }],
    ['usd 9.81bn', { amount: 9810000000, currency: 'USD' }],
    ['9.81 billion USD', { amount: 9810000000, currency: 'USD' }],
    ['120000 EUR', { amount: 120000, currency: 'EUR' }],
    ['3.5 mln EUR', { amount: 3500000, currency: 'EUR' }],
    ['$40 USD', { amount: 40, currency: 'USD' }],
    ['£2.3m a year', { amount: 2300000, currency: 'GBP', period: 'year' }],
    ['$99/mo', { amount: 99, currency: 'USD', period: 'month' }],
    ['€15/month', { amount: 15, currency: 'EUR', period: 'month' }],
    ['$500 annually', { amount: 500, currency: 'USD', period: 'year' }],
    ['$500 one-time', { amount: 500, currency: 'USD', period: 'one_time' }],
    ['$5,000 per quarter', { amount: 5000, currency: 'USD', period: 'quarter' }],
    ['$20/wk', { amount: 20, currency: 'USD', period: 'week' }],
    ['$3 per day', { amount: 3, currency: 'USD', period: 'day' }],
    ['₹75k', { amount: 75000, currency: 'INR' }],
    ['C$ 2.5M', { amount: 2500000, currency: 'CAD' }],
    ['A$10k', { amount: 10000, currency: 'AUD' }],
    ['HK$ 8bn', { amount: 8000000000, currency: 'HKD' }],
    ['R$ 300', { amount: 300, currency: 'BRL' }],
    ['CN¥ 12m', { amount: 12000000, currency: 'CNY' }],
    ['RMB 12m', { amount: 12000000, currency: 'CNY' }],
    ['5 TRY', { amount: 5, currency: 'TRY' }],
    ['5 MXN', { amount: 5, currency: 'MXN' }],
    ['-$5M', { amount: -5000000, currency: 'USD' }],
    ['$-5M', { amount: -5000000, currency: 'USD' }],
    ['~$2B', { amount: 2000000000, currency: 'USD' }],
    ['approximately €40m', { amount: 40000000, currency: 'EUR' }],
    ['$0.99', { amount: 0.99, currency: 'USD' }],
  ])('accepts %j as %j', (raw, answer) => {
    expect(parseAnswer('money', raw)).toEqual({ ok: true, answer, isNotFound: false });
  });

  it('keeps the exact decimal result where float multiplication would not', () => {
    // These float products are off by a fraction; the parser must not be.
    expect(2.01 * 1e9).not.toBe(2010000000);
    expect(1.07 * 1e9).not.toBe(1070000000);
    expect(parseAnswer('money', '$2.01B')).toMatchObject({ answer: { amount: 2010000000 } });
    expect(parseAnswer('money', '€1.07 billion')).toMatchObject({ answer: { amount: 1070000000 } });
    expect(parseAnswer('money', 'GBP 2.05m')).toMatchObject({ answer: { amount: 2050000 } });
    expect(parseAnswer('money', '$9.81B')).toMatchObject({ answer: { amount: 9810000000 } });
  });

  it.each([
    ['lots', 'is not an amount of money'],
    ['a lot of money', 'is not an amount of money'],
    ['USD', 'is not an amount of money'],
    ['$', 'is not an amount of money'],
    ['9.81B', 'has no currency'],
    ['1200', 'has no currency'],
    ['5 ABC', "'ABC' is not an ISO 4217 currency code"],
    ['XYZ 12', "'XYZ' is not an ISO 4217 currency code"],
    ['$5 EUR', 'names two currencies (USD and EUR)'],
    ['$10M-$20M', 'is a range; reply with one amount'],
    ['$10M to $20M', 'is a range'],
    ['between $1M and $2M', 'is a range'],
    ['over $1B', 'is a bound'],
    ['$500M+', 'is a bound'],
    ['€3,5 million', 'uses a comma for decimals'],
    ['$40 per user per month', 'is not an amount of money'],
    ['$40 per seat', 'is not an amount of money'],
    ['$9.81B (2023)', 'is not an amount of money'],
    ['$1e999', 'too large'],
    ['-$-5M', 'is not an amount of money'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(parseAnswer('money', raw)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });
});

describe('parseAnswer money: object', () => {
  it.each([
    [
      { amount: 9810000000, currency: 'USD' },
      { amount: 9810000000, currency: 'USD' },
    ],
    [
      { amount: 120000, currency: 'gbp', period: 'year' },
      { amount: 120000, currency: 'GBP', period: 'year' },
    ],
    [
      { amount: 40, currency: '$', period: 'monthly' },
      { amount: 40, currency: 'USD', period: 'month' },
    ],
    [
      { amount: 40, currency: '€', period: null },
      { amount: 40, currency: 'EUR' },
    ],
    [
      { amount: 5, currency: 'USD', period: 'one_time' },
      { amount: 5, currency: 'USD', period: 'one_time' },
    ],
    [
      { amount: '9.81B', currency: 'USD' },
      { amount: 9810000000, currency: 'USD' },
    ],
    [
      { amount: '1,200', currency: 'USD' },
      { amount: 1200, currency: 'USD' },
    ],
    [
      { amount: 1, currency: 'USD', as_of: 'March 2024' },
      { amount: 1, currency: 'USD', as_of: '2024-03' },
    ],
    [
      { amount: 1, currency: 'USD', as_of: null },
      { amount: 1, currency: 'USD' },
    ],
  ])('accepts %j as %j', (raw, answer) => {
    expect(parseAnswer('money', raw)).toEqual({ ok: true, answer, isNotFound: false });
  });

  it.each([
    [{ amount: 5 }, 'needs "currency"'],
    [{ amount: 5, currency: 'XYZ' }, "'XYZ' is not an ISO 4217 currency code"],
    [{ amount: 5, currency: 'dollars' }, "'dollars' is not an ISO 4217 currency code"],
    [{ currency: 'USD' }, 'needs "amount" as a number'],
    [{ amount: 'lots', currency: 'USD' }, 'needs "amount" as a number'],
    [{ amount: '$5', currency: 'USD' }, 'needs "amount" as a number'],
    [{ amount: null, currency: 'USD' }, 'needs "amount" as a number'],
    [{ amount: Number.NaN, currency: 'USD' }, 'needs "amount" as a number'],
    [{ amount: '1e999', currency: 'USD' }, 'too large'],
    [{ amount: 5, currency: 'USD', period: 'fortnight' }, "'fortnight' is not a period"],
    [{ amount: 5, currency: 'USD', period: 12 }, '12 is not a period'],
    [{ amount: 5, currency: 'USD', period: 'constructor' }, "'constructor' is not a period"],
    [{ amount: 5, currency: 'USD', as_of: 'Q1 2024' }, "as_of is not a date: 'Q1 2024' is a quarter"],
    [{ amount: 5, currency: 'USD', note: 'ARR' }, 'unexpected fields (note)'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(parseAnswer('money', raw)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });

  it.each([[42], [true], [['$5']]])('refuses the bare value %j', (raw) => {
    expect(parseAnswer('money', raw)).toEqual({ ok: false, reason: expect.stringContaining('Expected an amount of money') });
  });
});
