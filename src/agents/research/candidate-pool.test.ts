import { describe, expect, it } from 'vitest';
import { CandidatePool } from './candidate-pool.ts';

const candidate = (url: string) => ({ url, score: 1, reason: 'test' });

describe('CandidatePool', () => {
  it('alternates search results and site pages, skipping what was attempted and duplicates', () => {
    const pool = new CandidatePool();
    pool.addSearchResults([candidate('https://news.example/a'), candidate('https://acme.com/pricing'), candidate('https://news.example/b')]);
    pool.setSitePages([candidate('https://acme.com/pricing'), candidate('https://acme.com/about'), candidate('https://acme.com/team')]);
    expect(pool.next(4, new Set(['https://news.example/a'])).map((item) => item.url)).toEqual([
      'https://acme.com/pricing',
      'https://acme.com/about',
      'https://news.example/b',
      'https://acme.com/team',
    ]);
  });

  it('puts a later round of results first', () => {
    const pool = new CandidatePool();
    pool.addSearchResults([candidate('https://a.example/')]);
    pool.addSearchResults([candidate('https://b.example/'), candidate('https://a.example/')]);
    expect(pool.next(5, new Set()).map((item) => item.url)).toEqual(['https://b.example/', 'https://a.example/']);
  });
});
