import { describe, expect, it } from 'vitest';
import { readScaledNumber } from './scaled-number.ts';

describe('readScaledNumber', () => {
  it.each([
    ['42', 42, ''],
    ['1,234,567.5 rest', 1234567.5, ' rest'],
    ['9.81B', 9810000000, ''],
    ['2.01 billion USD', 2010000000, ' USD'],
    ['5 TRY', 5, ' TRY'],
    ['5 mxn', 5, ' mxn'],
    ['5 MMK', 5, ' MMK'],
    ['3 mln', 3000000, ''],
    ['0.000001', 0.000001, ''],
    ['1.5e-7', 1.5e-7, ''],
    ['-0', 0, ''],
    ['1,2345', 1, ',2345'],
    ['12.5%', 12.5, '%'],
  ])('reads %j as %j leaving %j', (text, value, rest) => {
    expect(readScaledNumber(text)).toEqual({ value, rest });
  });

  it.each([[''], ['abc'], ['$5'], ['.'], ['-'], [' 5']])('reads no number from %j', (text) => {
    expect(readScaledNumber(text)).toBeUndefined();
  });

  it('is exact for every two-decimal amount with a thousand, million or billion scale', () => {
    const mismatches: string[] = [];
    for (let hundredths = 1; hundredths < 2000; hundredths += 1) {
      const written = `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
      for (const [suffix, zeros] of [
        ['k', 1],
        ['M', 4],
        ['B', 7],
      ] as const) {
        const expected = hundredths * 10 ** zeros;
        const value = readScaledNumber(`${written}${suffix}`)?.value;
        if (value !== expected) mismatches.push(`${written}${suffix} → ${value}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('overflows to Infinity without building a huge string', () => {
    expect(readScaledNumber('1e9999')?.value).toBe(Number.POSITIVE_INFINITY);
    expect(readScaledNumber('1e-9999')?.value).toBe(0);
  });
});
