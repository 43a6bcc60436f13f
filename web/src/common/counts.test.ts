import { describe, expect, it } from 'vitest';
import { countOf, nounFor } from './counts.ts';

describe('countOf', () => {
  it('says one thing and many things, grouped for the reader', () => {
    expect(countOf(1, 'row')).toBe('1 row');
    expect(countOf(0, 'row')).toBe('0 rows');
    expect(countOf(12_000, 'row')).toBe(`${(12_000).toLocaleString()} rows`);
    expect(countOf(2, 'person', 'people')).toBe('2 people');
    expect(nounFor(1, 'cell')).toBe('cell');
  });
});
