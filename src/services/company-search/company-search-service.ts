import { firmographicSimilarity, LOOKALIKE_TEXT_WEIGHT } from '../../domain/company-search/relevance.ts';
import { searchFirmographics } from '../../domain/company-search/search-document.ts';
import type { NormalizedSearchFilters } from '../../domain/company-search/search-filters.ts';
import { lookalikeTerms, searchTerms } from '../../domain/company-search/search-terms.ts';
import type { CompanyProfileRecord, Store } from '../../store/store.ts';

/** Deepest result any search pages to (contract §6.1: 2,000 on paid plans; Fathom has no plans). */
export const MAX_SEARCH_DEPTH = 2_000;

/** Deepest lookalike result (decision 2026-12-06-company-search): past it, a lookalike is hardly alike. */
export const LOOKALIKE_POOL = 1_000;

export interface RankedCompany {
  profile: CompanyProfileRecord;
  /** In [0, 1]. */
  relevance: number;
}

export interface SearchPage {
  offset: number;
  limit: number;
}

/** Profiles of the workspace ranked for a query, after the filters; one page of them. */
export async function searchCompanies(
  store: Store,
  workspaceId: string,
  query: { q: string; filters: NormalizedSearchFilters; page: SearchPage },
): Promise<RankedCompany[]> {
  const depth = Math.min(query.page.offset + query.page.limit, MAX_SEARCH_DEPTH);
  if (depth <= query.page.offset) return [];
  const hits = await store.searchCompanyProfiles({ workspaceId, terms: searchTerms(query.q), filters: query.filters, excludeProfileIds: [], limit: depth });
  return hits.slice(query.page.offset, depth).map((hit) => ({ profile: hit.profile, relevance: hit.textScore }));
}

/**
 * Companies like `seed`: what it does and whom it sells to (its products, audience and
 * description as a text query), blended with how alike the firmographics are. The seed is
 * never among them.
 *
 * A company's score is a fixed function of the company (text score and firmographics), so the
 * order is the same whatever page is asked. Text matches are read best first; companies not read
 * yet score at most `weight × (last text score) + (1 − weight)`, so once enough read companies
 * score above that bound, the rest cannot enter the page and reading stops.
 */
export async function similarCompanies(
  store: Store,
  seed: CompanyProfileRecord,
  query: { filters: NormalizedSearchFilters; page: SearchPage },
): Promise<RankedCompany[]> {
  const wanted = Math.min(query.page.offset + query.page.limit, LOOKALIKE_POOL);
  if (wanted <= query.page.offset) return [];
  const seedFirmographics = searchFirmographics(seed.fields);
  const terms = lookalikeTerms(seed.fields);
  let depth = Math.max(64, wanted * 2);
  for (;;) {
    const hits = await store.searchCompanyProfiles({
      workspaceId: seed.workspaceId,
      terms,
      filters: query.filters,
      excludeProfileIds: [seed.id],
      limit: depth,
    });
    const ranked = hits
      .map((hit) => ({
        profile: hit.profile,
        relevance:
          LOOKALIKE_TEXT_WEIGHT * hit.textScore +
          (1 - LOOKALIKE_TEXT_WEIGHT) * firmographicSimilarity(seedFirmographics, searchFirmographics(hit.profile.fields)),
      }))
      .sort((a, b) => b.relevance - a.relevance || compareIds(a.profile.id, b.profile.id));
    const isExhausted = hits.length < depth || depth >= LOOKALIKE_POOL * 4;
    const bound = LOOKALIKE_TEXT_WEIGHT * (hits.at(-1)?.textScore ?? 0) + (1 - LOOKALIKE_TEXT_WEIGHT);
    if (isExhausted || ranked.filter((company) => company.relevance > bound).length >= wanted) return ranked.slice(query.page.offset, wanted);
    depth *= 4;
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
