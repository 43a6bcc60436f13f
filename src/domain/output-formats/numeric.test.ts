import { describe, expect, it } from 'vitest';
import { parseAnswer } from './parse-answer.ts';

describe('parseAnswer numeric', () => {
  it.each([
    [42, 42],
    [-3.25, -3.25],
    [0, 0],
    ['42', 42],
    ['  42  ', 42],
    ['-17', -17],
    ['\u221217', -17],
    ['+5', 5],
    ['0.1', 0.1],
    ['.5', 0.5],
    ['1,234', 1234],
    ['1,234,567.89', 1234567.89],
    ['12%', 12],
    ['12.5 %', 12.5],
    ['12 percent', 12],
    ['5k', 5000],
    ['5K', 5000],
    ['2.5m', 2500000],
    ['2.5M', 2500000],
    ['3mm', 3000000],
    ['3 MM', 3000000],
    ['1.5b', 1500000000],
    ['9.81B', 9810000000],
    ['9.81bn', 9810000000],
    ['2t', 2000000000000],
    ['1.1T', 1100000000000],
    ['1.2 million', 1200000],
    ['1.2 Million', 1200000],
    ['3 thousand', 3000],
    ['4.5 billion', 4500000000],
    ['2 trillion', 2000000000000],
    ['1e3', 1000],
    ['2.5E-3', 0.0025],
    ['~500', 500],
    ['about 500', 500],
    ['approx. 1.2 million', 1200000],
    ['１２', 12],
  ])('accepts %j as %j', (raw, answer) => {
    expect(parseAnswer('numeric', raw)).toEqual({ ok: true, answer, isNotFound: false });
  });

  it.each([
    ['10-20', 'is a range'],
    ['10 - 20', 'is a range'],
    ['10–20', 'is a range'],
    ['10 to 20', 'is a range'],
    ['between 10 and 20', 'is a range'],
    ['1.5M-2M', 'is a range'],
    ['500+', 'is a bound'],
    ['over 500', 'is a bound'],
    ['more than 1 million', 'is a bound'],
    ['up to 20', 'is a bound'],
    ['<10', 'is a bound'],
    ['3,5', 'uses a comma for decimals'],
    ['1.234.567', 'uses a comma for decimals'],
    ['$5M', 'looks like an amount of money'],
    ['USD 5', 'looks like an amount of money'],
    ['lots', 'is not a number'],
    ['five', 'is not a number'],
    ['1,23,456', 'is not a number'],
    ['12 employees', 'is not a number'],
    ['100 200', 'is not a number'],
    ['5kk', 'is not a number'],
    ['1e999', 'too large'],
    ['.', 'is not a number'],
    ['-', 'is not a number'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(parseAnswer('numeric', raw)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });

  it.each([[Number.NaN], [Number.POSITIVE_INFINITY], [true], [[42]], [{ value: 42 }]])('refuses %j', (raw) => {
    expect(parseAnswer('numeric', raw).ok).toBe(false);
  });

  it('legacy number behaves like numeric', () => {
    expect(parseAnswer('number', '1.2 million')).toEqual({ ok: true, answer: 1200000, isNotFound: false });
    expect(parseAnswer('number', '10-20').ok).toBe(false);
  });
});
