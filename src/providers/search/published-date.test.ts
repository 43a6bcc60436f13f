import { describe, expect, it } from 'vitest';
import { normalizePublishedDate } from './published-date.ts';

describe('normalizePublishedDate', () => {
  it.each([
    ['2024-03-05', '2024-03-05'],
    ['2024-03-05T10:20:30', '2024-03-05T10:20:30.000Z'],
    ['2024-03-05 10:20', '2024-03-05T10:20:00.000Z'],
    ['2024-03-05T10:20:30.000Z', '2024-03-05T10:20:30.000Z'],
    ['2024-03-05T10:20:30+02:00', '2024-03-05T08:20:30.000Z'],
    ['Mar 5, 2024', '2024-03-05'],
    ['March 5, 2024', '2024-03-05'],
    ['Tue, 05 Mar 2024 23:30:00 GMT', '2024-03-05T23:30:00.000Z'],
  ])('reads %s as %s', (input, expected) => {
    expect(normalizePublishedDate(input)).toBe(expected);
  });

  it.each([['2 days ago'], ['Page 2'], ['2024-02-30'], [''], ['not a date 2024x']])('drops %j', (input) => {
    expect(normalizePublishedDate(input)).toBeUndefined();
  });

  it('drops values that are not strings', () => {
    expect(normalizePublishedDate(null)).toBeUndefined();
    expect(normalizePublishedDate(1_709_596_800_000)).toBeUndefined();
  });
});
