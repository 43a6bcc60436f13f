import { firmographicSimilarity, LOOKALIKE_TEXT_WEIGHT } from '../../domain/company-search/relevance.ts';
import { searchFirmographics } from '../../domain/company-search/search-document.ts';
import type { NormalizedSearchFilters } from '../../domain/company-search/search-filters.ts';
import { lookalikeTerms, searchTerms } from '../../domain/company-search/search-terms.ts';
import type { CompanyProfileRecord, Store } from '../../store/store.ts';

/** Deepest result any search pages to (contract §6.1: 2,000 on paid plans; Fathom has no plans). */
export const MAX_SEARCH_DEPTH = 2_000;

/**
 * Lookalike candidates re-ranked per request. The pool is the same whatever page is asked, so a
 * company's place (and score) does not depend on the page it is read from; deeper pages than
 * this are empty (decision 2026-12-06-company-search).
 */
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
 */
export async function similarCompanies(
  store: Store,
  seed: CompanyProfileRecord,
  query: { filters: NormalizedSearchFilters; page: SearchPage },
): Promise<RankedCompany[]> {
  const depth = Math.min(query.page.offset + query.page.limit, LOOKALIKE_POOL);
  if (depth <= query.page.offset) return [];
  const hits = await store.searchCompanyProfiles({
    workspaceId: seed.workspaceId,
    terms: lookalikeTerms(seed.fields),
    filters: query.filters,
    excludeProfileIds: [seed.id],
    limit: LOOKALIKE_POOL,
  });
  const best = Math.max(0, ...hits.map((hit) => hit.textScore));
  const seedFirmographics = searchFirmographics(seed.fields);
  const ranked = hits
    .map((hit) => {
      const text = best > 0 ? hit.textScore / best : 0;
      const firmographics = firmographicSimilarity(seedFirmographics, searchFirmographics(hit.profile.fields));
      return { profile: hit.profile, relevance: LOOKALIKE_TEXT_WEIGHT * text + (1 - LOOKALIKE_TEXT_WEIGHT) * firmographics };
    })
    .sort((a, b) => b.relevance - a.relevance || compareIds(a.profile.id, b.profile.id));
  return ranked.slice(query.page.offset, depth);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
