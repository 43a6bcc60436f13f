import { describe, expect, it } from 'vitest';
import { parseAnswer } from './parse-answer.ts';

describe('parseAnswer grade', () => {
  it.each([
    [1, 1],
    [5, 5],
    [4.0, 4],
    ['4', 4],
    [' 4 ', 4],
    ['4.0', 4],
    ['4/5', 4],
    ['4 / 5', 4],
    ['4 out of 5', 4],
    ['Grade: 4', 4],
    ['grade 4', 4],
    ['Score: 3/5', 3],
    ['Rating = 2', 2],
    ['four', 4],
    ['Five', 5],
  ])('accepts %j as %j', (raw, answer) => {
    expect(parseAnswer('grade', raw)).toEqual({ ok: true, answer, isNotFound: false });
  });

  it.each([
    [0, 'outside the scale'],
    [6, 'outside the scale'],
    [-1, 'outside the scale'],
    ['0', 'outside the scale'],
    ['6', 'outside the scale'],
    ['6/5', 'outside the scale'],
    [3.5, 'is not a whole number'],
    ['3.5', 'is not a whole number'],
    ['4.5/5', 'is not a whole number'],
    ['8/10', 'uses a scale out of 10'],
    ['4 out of 10', 'uses a scale out of 10'],
    ['Yes', 'is not a grade'],
    ['Likely', 'is not a grade'],
    ['high', 'is not a grade'],
    ['4-5', 'is not a grade'],
    ['4 stars', 'is not a grade'],
    ['six', 'is not a grade'],
    [Number.NaN, 'is not a whole number'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(parseAnswer('grade', raw)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });

  it.each([[true], [[4]], [{ grade: 4 }]])('refuses the non-grade value %j', (raw) => {
    expect(parseAnswer('grade', raw)).toEqual({ ok: false, reason: expect.stringContaining('Expected a grade') });
  });
});
