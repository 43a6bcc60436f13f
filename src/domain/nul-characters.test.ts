import { describe, expect, it } from 'vitest';
import { withoutNul, withoutNulDeep } from './nul-characters.ts';

describe('U+0000 dropped from outside text', () => {
  it('drops it from a string, and leaves other text as it is', () => {
    expect(withoutNul('Nul\u0000 Corp\u0000')).toBe('Nul Corp');
    expect(withoutNul('tab\tand line\nstay')).toBe('tab\tand line\nstay');
  });

  it('drops it from every string and key of a JSON value, keeping numbers, booleans and null', () => {
    expect(withoutNulDeep({ 'na\u0000me': 'A\u0000', list: ['b\u0000', 1, true, null, { deep: 'c\u0000' }] })).toEqual({
      name: 'A',
      list: ['b', 1, true, null, { deep: 'c' }],
    });
  });
});
