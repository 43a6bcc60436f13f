import { describe, expect, it } from 'vitest';
import { SearchFiltersSchema, SIZE_BUCKETS as SERVER_SIZE_BUCKETS } from '../../../src/domain/company-search/search-filters.ts';
import { buildSearchRequest, countFilters, describeSearchIssue, EMPTY_SEARCH_FORM, SIZE_BUCKETS, type SearchForm } from './search-form.ts';

const form = (changes: Partial<SearchForm>): SearchForm => ({ ...EMPTY_SEARCH_FORM, ...changes });

describe('the Find companies form → request body', () => {
  it('offers exactly the server’s size buckets, in its order', () => {
    expect([...SIZE_BUCKETS]).toEqual([...SERVER_SIZE_BUCKETS]);
  });

  it('sends no filters for a bare query, and trims it', () => {
    expect(buildSearchRequest(form({ text: '  payroll software  ' }))).toEqual({ ok: true, mode: 'describe', query: 'payroll software', filters: undefined });
  });

  it('sends every filled section in the §6.4 shape, which the server’s schema accepts', () => {
    const request = buildSearchRequest(
      form({
        text: 'warehouse robots',
        sizes: ['51-200', '1-10'],
        countries: 'Germany, France,, Germany',
        excludeCountries: 'United States',
        cities: 'Berlin',
        foundedFrom: '2015',
        foundedTo: '2022',
        excludeDomains: 'https://www.stripe.com/pricing\nacme.com, blog.acme.com',
      }),
    );
    expect(request).toEqual({
      ok: true,
      mode: 'describe',
      query: 'warehouse robots',
      filters: {
        // Buckets in the scale's order, whatever order they were ticked in; lists without blanks or repeats.
        include: { size: ['1-10', '51-200'], country: ['Germany', 'France'], city: ['Berlin'] },
        exclude: { country: ['United States'], domains: ['https://www.stripe.com/pricing', 'acme.com', 'blog.acme.com'] },
        range: { founded: { min: 2015, max: 2022 } },
      },
    });
    if (!request.ok) throw new Error('expected a request');
    expect(SearchFiltersSchema.safeParse(request.filters).success).toBe(true);
  });

  it('sends an open-ended founded range with only the bound given', () => {
    const request = buildSearchRequest(form({ text: 'x', foundedTo: '1999' }));
    expect(request).toMatchObject({ ok: true, filters: { range: { founded: { max: 1999 } } } });
    if (request.ok) expect(request.filters?.range?.founded).not.toHaveProperty('min');
  });

  it('asks for a lookalike’s domain and sends it as the seed', () => {
    expect(buildSearchRequest(form({ mode: 'like', text: 'gripbot.com', sizes: ['11-50'] }))).toEqual({
      ok: true,
      mode: 'like',
      domain: 'gripbot.com',
      filters: { include: { size: ['11-50'] } },
    });
    expect(buildSearchRequest(form({ mode: 'like', text: 'grip bot' }))).toEqual({
      ok: false,
      problems: ['A lookalike search starts from one domain, such as stripe.com.'],
    });
  });

  it('says what to fix before sending: an empty query, years that are not years, a backwards range, too many domains', () => {
    expect(buildSearchRequest(form({ text: ' ' }))).toEqual({ ok: false, problems: ['Describe the companies to find.'] });
    expect(buildSearchRequest(form({ text: 'x', foundedFrom: 'last year' }))).toEqual({ ok: false, problems: ['Founded from must be a year, such as 2015.'] });
    expect(buildSearchRequest(form({ text: 'x', foundedFrom: '2020', foundedTo: '2010' }))).toEqual({
      ok: false,
      problems: ['Founded from (2020) is after founded until (2010).'],
    });
    const domains = Array.from({ length: 1_001 }, (_, index) => `company${index}.com`).join('\n');
    const tooMany = buildSearchRequest(form({ text: 'x', excludeDomains: domains }));
    expect(tooMany.ok).toBe(false);
    if (!tooMany.ok) expect(tooMany.problems[0]).toContain('1,001');
  });

  it('counts the filters set', () => {
    expect(countFilters(EMPTY_SEARCH_FORM)).toBe(0);
    expect(countFilters(form({ sizes: ['1-10'], foundedTo: '2000', excludeDomains: 'a.com' }))).toBe(3);
  });
});

describe('search 422s in the form’s words', () => {
  it('names the field and the entry a server issue is about', () => {
    expect(
      describeSearchIssue({
        loc: ['body', 'filters', 'exclude', 'domains', 1],
        msg: "'not a domain' is not a domain or URL with a registrable domain",
        type: 'value_error',
      }),
    ).toBe("Leave out domains, entry 2: 'not a domain' is not a domain or URL with a registrable domain");
    expect(describeSearchIssue({ loc: ['body', 'filters', 'include', 'size', 0], msg: 'Invalid option', type: 'enum' })).toBe('Size, entry 1: Invalid option');
    expect(describeSearchIssue({ loc: ['body', 'filters', 'range', 'founded'], msg: 'min (3) is after max (2)', type: 'value_error' })).toBe(
      'Founded: min (3) is after max (2)',
    );
    expect(describeSearchIssue({ loc: ['path', 'company_identifier'], msg: 'not a domain', type: 'value_error' })).toBe('Lookalikes of: not a domain');
    expect(describeSearchIssue({ loc: ['body', 'filters', 'mystery'], msg: 'Unrecognized key', type: 'extra' })).toBe('filters › mystery: Unrecognized key');
  });
});
