import { describe, expect, it } from 'vitest';
import { firmographicSimilarity, reciprocalRankFusion, textRelevance } from './relevance.ts';
import { lookalikeTerms, searchTerms } from './search-terms.ts';

describe('ranking helpers', () => {
  it('maps text strength into [0, 1) with a fixed half point', () => {
    expect(textRelevance(0, 5)).toBe(0);
    expect(textRelevance(5, 5)).toBe(0.5);
    expect(textRelevance(1e9, 5)).toBeLessThan(1);
    expect(textRelevance(Number.NaN, 5)).toBe(0);
  });

  it('fuses ranked lists so a company first in both scores 1', () => {
    const fused = reciprocalRankFusion([
      ['a', 'b', 'c'],
      ['a', 'c'],
    ]);
    expect(fused.get('a')).toBeCloseTo(1);
    expect(fused.get('c')!).toBeGreaterThan(fused.get('b')!);
    expect(Math.max(...fused.values())).toBeLessThanOrEqual(1);
  });

  it('weighs the same size bucket, country and era', () => {
    const seed = { sizeBucket: '51-200', countryKey: 'germany', cityKey: null, foundingYear: 2016 };
    expect(firmographicSimilarity(seed, seed)).toBeCloseTo(1);
    expect(firmographicSimilarity(seed, { ...seed, sizeBucket: '11-50' })).toBeLessThan(firmographicSimilarity(seed, seed));
    expect(firmographicSimilarity(seed, { sizeBucket: null, countryKey: null, cityKey: null, foundingYear: null })).toBe(0);
  });

  it('keeps the content words of a query and of a seed profile', () => {
    expect(searchTerms('B2B payroll software in Germany, 50–200 people')).toEqual(['b2b', 'payroll', 'software', 'germany']);
    expect(searchTerms('Zürich-based companies')).toEqual(['zurich']);
    expect(lookalikeTerms({ products_services: 'Payroll, payslips', target_audience: 'HR teams', short_description: null })).toEqual([
      'payroll',
      'payslips',
      'hr',
    ]);
  });
});
