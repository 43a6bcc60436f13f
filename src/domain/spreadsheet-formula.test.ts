import { describe, expect, it } from 'vitest';
import { neutralizeFormula } from './spreadsheet-formula.ts';

describe('neutralizeFormula', () => {
  it.each([
    ['=HYPERLINK("http://evil.test","x")', `'=HYPERLINK("http://evil.test","x")`],
    ['+cmd|" /C calc"!A0', `'+cmd|" /C calc"!A0`],
    ['-2+3+cmd|" /C calc"!A0', `'-2+3+cmd|" /C calc"!A0`],
    ['@SUM(1+1)', `'@SUM(1+1)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
  ])('prefixes %j with a quote', (text, expected) => {
    expect(neutralizeFormula(text)).toBe(expected);
  });

  it.each(['', 'Acme', '-5', '+1.5e3', '-0.25', '.5', 'a=b', ' =not first'])('leaves %j as it is', (text) => {
    expect(neutralizeFormula(text)).toBe(text);
  });
});
