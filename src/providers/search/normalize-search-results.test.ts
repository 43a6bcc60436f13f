import { describe, expect, it } from 'vitest';
import { MAXIMUM_SNIPPET_CHARACTERS, normalizeSearchResults } from './normalize-search-results.ts';

describe('normalizeSearchResults', () => {
  it('keeps absolute http(s) URLs only and renumbers positions without gaps', () => {
    const results = normalizeSearchResults(
      [
        { url: 'javascript:alert(1)', title: 'x', snippet: '' },
        { url: '/relative/path', title: 'x', snippet: '' },
        { url: 'ftp://files.example/a', title: 'x', snippet: '' },
        { url: 42, title: 'x', snippet: '' },
        { url: ' https://a.example/page ', title: 'A', snippet: 'a' },
        { url: 'http://b.example', title: 'B', snippet: 'b' },
      ],
      { limit: 10, site: undefined },
    );

    expect(results).toEqual([
      { url: 'https://a.example/page', title: 'A', snippet: 'a', position: 1 },
      { url: 'http://b.example/', title: 'B', snippet: 'b', position: 2 },
    ]);
  });

  it('keeps the first of results that differ only by fragment', () => {
    const results = normalizeSearchResults(
      [
        { url: 'https://a.example/about#team', title: 'First', snippet: '' },
        { url: 'https://a.example/about', title: 'Second', snippet: '' },
      ],
      { limit: 10, site: undefined },
    );

    expect(results.map((result) => [result.url, result.title])).toEqual([['https://a.example/about', 'First']]);
  });

  it('applies the limit after dropping unusable results', () => {
    const results = normalizeSearchResults(
      [
        { url: 'mailto:x@a.example', title: '', snippet: '' },
        { url: 'https://a.example/1', title: '', snippet: '' },
        { url: 'https://a.example/2', title: '', snippet: '' },
        { url: 'https://a.example/3', title: '', snippet: '' },
      ],
      { limit: 2, site: undefined },
    );

    expect(results.map((result) => result.url)).toEqual(['https://a.example/1', 'https://a.example/2']);
  });

  it('filters by site, subdomains included, lookalike domains excluded', () => {
    const results = normalizeSearchResults(
      ['https://acme.example/', 'https://www.acme.example/x', 'https://notacme.example/', 'https://acme.example.evil.test/'].map((url) => ({
        url,
        title: 't',
        snippet: '',
      })),
      { limit: 10, site: 'acme.example' },
    );

    expect(results.map((result) => result.url)).toEqual(['https://acme.example/', 'https://www.acme.example/x']);
  });

  it('makes titles and snippets plain text, uses the host for a missing title, caps snippet length', () => {
    const [result] = normalizeSearchResults(
      [{ url: 'https://a.example/', title: null, snippet: `<b>Big</b> ${'word '.repeat(400)}`, publishedAt: 'Mar 5, 2024' }],
      { limit: 1, site: undefined },
    );

    expect(result?.title).toBe('a.example');
    expect(result?.snippet.startsWith('Big word')).toBe(true);
    expect(result?.snippet.length).toBeLessThanOrEqual(MAXIMUM_SNIPPET_CHARACTERS);
    expect(result?.publishedAt).toBe('2024-03-05');
  });
});
