import { describe, expect, it } from 'vitest';
import { appendAll, largestOf } from './append-all.ts';

describe('appendAll', () => {
  it('appends more items than a call can take as arguments', () => {
    const items = Array.from({ length: 500_000 }, (_, index) => index);
    const target = [-1];
    expect(() => target.push(...items)).toThrow(RangeError);
    appendAll(target, items);
    expect(target).toHaveLength(500_001);
    expect(target.at(-1)).toBe(499_999);
  });
});

describe('largestOf', () => {
  it('finds the largest of a long list and falls back on an empty one', () => {
    expect(
      largestOf(
        Array.from({ length: 500_000 }, (_, index) => index),
        0,
      ),
    ).toBe(499_999);
    expect(largestOf([], 7)).toBe(7);
    expect(largestOf([-3, -1, -2], 0)).toBe(-1);
  });
});
