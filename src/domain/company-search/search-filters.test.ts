import { describe, expect, it } from 'vitest';
import { normalizeSearchFilters, SearchFiltersSchema } from './search-filters.ts';

describe('SearchFilters', () => {
  it('reduces countries, cities and domains to the keys the index compares', () => {
    const result = normalizeSearchFilters(
      {
        include: { country: ['USA', 'United States of America', 'Deutschland'], city: ['München'] },
        exclude: { domains: ['https://www.stripe.com/pricing', 'stripe.com', 'blog.stripe.com', 'acme.co.uk'] },
        range: { founded: { min: 2018, max: null } },
      },
      ['body', 'filters'],
    );
    expect(result).toEqual({
      ok: true,
      filters: expect.objectContaining({
        includeCountries: ['united states', 'germany'],
        includeCities: ['munchen'],
        excludeDomains: ['stripe.com', 'acme.co.uk'],
        foundedMin: 2018,
        foundedMax: null,
      }),
    });
  });

  it('names the entry that is no domain, a list past 1,000 and a reversed range', () => {
    const bad = normalizeSearchFilters({ exclude: { domains: ['ok.com', 'nope'] }, range: { founded: { min: 2020, max: 2010 } } }, ['body', 'filters']);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues.map((issue) => issue.loc)).toEqual([
      ['body', 'filters', 'exclude', 'domains', 1],
      ['body', 'filters', 'range', 'founded'],
    ]);
    const many = normalizeSearchFilters({ exclude: { domains: Array.from({ length: 1_001 }, (_, index) => `d${index}.com`) } }, ['query', 'filters']);
    expect(!many.ok && many.issues[0]).toMatchObject({ loc: ['query', 'filters', 'exclude', 'domains'], type: 'too_long' });
  });

  it('refuses unknown keys at every level', () => {
    for (const filters of [
      { sort: 1 },
      { include: { industry: [] } },
      { exclude: { name: [] } },
      { range: { employees: {} } },
      { range: { founded: { from: 1 } } },
    ]) {
      expect(SearchFiltersSchema.safeParse(filters).success, JSON.stringify(filters)).toBe(false);
    }
    expect(SearchFiltersSchema.safeParse({ include: { size: ['10001+'] }, exclude: { size: ['1-10'] } }).success).toBe(true);
  });
});
