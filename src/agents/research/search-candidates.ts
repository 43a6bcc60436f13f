import type { SearchResult } from '../../providers/spec/search.ts';
import { registrableDomain } from '../../domain/company-identifier.ts';
import type { PageCandidate } from './site-page-ranking.ts';
import { overlap, termsOf } from './text-terms.ts';

/**
 * Search results of several queries as one ranked list of pages to read: earlier ranks score
 * higher, results on the company's own domain get a bonus, and the title and snippet's overlap
 * with the question counts. A URL found by several queries keeps its best score plus a bonus.
 */
export function rankSearchResults(
  resultsByQuery: Array<{ query: string; results: SearchResult[] }>,
  question: string,
  companyDomain: string | null,
): PageCandidate[] {
  const wanted = termsOf(question);
  const candidates = new Map<string, PageCandidate>();
  for (const { query, results } of resultsByQuery) {
    for (const result of results) {
      const url = URL.parse(result.url);
      if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) continue;
      url.hash = '';
      const onCompanySite = companyDomain !== null && registrableDomain(url.href) === companyDomain;
      const score = 3 / (result.position + 1) + (onCompanySite ? 3 : 0) + 0.5 * overlap(wanted, new Set(termsOf(`${result.title} ${result.snippet}`)));
      const known = candidates.get(url.href);
      if (known) known.score = Math.max(known.score, score) + 0.5;
      else candidates.set(url.href, { url: url.href, score, reason: `search: ${query}` });
    }
  }
  return [...candidates.values()].sort((left, right) => right.score - left.score);
}
