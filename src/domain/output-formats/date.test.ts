import { describe, expect, it } from 'vitest';
import { parseAnswer } from './parse-answer.ts';

describe('parseAnswer date', () => {
  it.each([
    ['2021', '2021'],
    [2021, '2021'],
    ['2021-03', '2021-03'],
    ['2021-3', '2021-03'],
    ['2021-03-03', '2021-03-03'],
    ['2021-3-3', '2021-03-03'],
    ['2021/03/03', '2021-03-03'],
    ['2021.03.03', '2021-03-03'],
    ['2021/03', '2021-03'],
    ['2021-03-03T10:00:00Z', '2021-03-03'],
    ['2021-03-03T23:30:00-08:00', '2021-03-03'],
    ['2021-03-03 10:00', '2021-03-03'],
    ['March 2021', '2021-03'],
    ['march, 2021', '2021-03'],
    ['Mar 2021', '2021-03'],
    ['Sept. 2021', '2021-09'],
    ['Mar 3, 2021', '2021-03-03'],
    ['March 3rd, 2021', '2021-03-03'],
    ['March 3 2021', '2021-03-03'],
    ['3 March 2021', '2021-03-03'],
    ['3rd of March, 2021', '2021-03-03'],
    ['21 Dec. 2021', '2021-12-21'],
    ['Wednesday, March 3, 2021', '2021-03-03'],
    ['2020-02-29', '2020-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['  2021-12-31 ', '2021-12-31'],
    ['２０２１', '2021'],
  ])('accepts %j as %j', (raw, answer) => {
    expect(parseAnswer('date', raw)).toEqual({ ok: true, answer, isNotFound: false });
  });

  it.each([
    ['2021-02-30', 'is not a real date: 2021-02 has 28 days'],
    ['2021-02-29', 'is not a real date: 2021-02 has 28 days'],
    ['1900-02-29', 'is not a real date: 1900-02 has 28 days'],
    ['2021-04-31', 'is not a real date: 2021-04 has 30 days'],
    ['Feb 30, 2021', 'is not a real date'],
    ['2021-00', 'has month 0'],
    ['2021-13-01', 'has month 13'],
    ['2021-01-00', 'is not a real date'],
    ['Q1 2021', 'is a quarter or half-year'],
    ['2021 Q3', 'is a quarter or half-year'],
    ['2021-Q3', 'is a quarter or half-year'],
    ['H2 2020', 'is a quarter or half-year'],
    ['first quarter of 2021', 'is a quarter or half-year'],
    ['03/04/2021', 'is ambiguous between day-first and month-first'],
    ['25.12.2021', 'is ambiguous between day-first and month-first'],
    ['Smarch 2021', 'is not a date'],
    ['Marchy 2021', 'is not a date'],
    ['March 3', 'is not a date'],
    ['mid-2021', 'is not a date'],
    ['early 2021', 'is not a date'],
    ['2021-2022', 'is not a date'],
    ['2021-03/03', 'is not a date'],
    ['yesterday', 'is not a date'],
    ['20211', 'is not a date'],
    ['0999', 'has no four-digit year'],
    [999, 'has no four-digit year'],
    [20210303, 'has no four-digit year'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(parseAnswer('date', raw)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });

  it.each([[2021.5], [{ year: 2021 }], [['2021']], [true]])('refuses the non-date value %j', (raw) => {
    expect(parseAnswer('date', raw).ok).toBe(false);
  });
});
