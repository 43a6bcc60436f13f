import type { Kysely } from 'kysely';
import type { SearchFirmographics } from '../../domain/company-search/search-document.ts';
import { textRelevance } from '../../domain/company-search/relevance.ts';
import type { CompanyIndexCache } from '../company-index/company-index-cache.ts';
import { compileSlotFilter } from '../company-index/slot-filters.ts';
import type { CompanyIndexIdHit, CompanyIndexQuery } from '../company-search-store.ts';
import type { Database } from '../database-schema.ts';
import { BM25_HALF_POINT } from './company-search-queries.ts';

/**
 * The company index's ranking and filtering through the in-memory index (CompanyIndexCache): the
 * same answers as the SQL of company-search-queries.ts, without scoring every match in SQL. Only
 * the aliases of excluded domains are read from the database (a short indexed read).
 */
export async function rankCompanyProfileIdsInMemory(db: Kysely<Database>, cache: CompanyIndexCache, query: CompanyIndexQuery): Promise<CompanyIndexIdHit[]> {
  const index = await cache.index(query.workspaceId);
  const excluded = [...query.excludeProfileIds, ...(await aliasedProfileIds(db, query.workspaceId, query.filters.excludeDomains))];
  const accept = compileSlotFilter(index, query.filters, excluded);
  return index.rank(query.terms, accept, query.limit).map((hit) => ({ id: hit.id, textScore: textRelevance(hit.strength, BM25_HALF_POINT) }));
}

/** Of `profileIds`, those the workspace holds and the filters keep, with their firmographics, from memory. */
export async function filterCompanyProfileIdsInMemory(
  db: Kysely<Database>,
  cache: CompanyIndexCache,
  query: Omit<CompanyIndexQuery, 'terms' | 'limit'> & { profileIds: string[] },
): Promise<Map<string, SearchFirmographics>> {
  const index = await cache.index(query.workspaceId);
  const excluded = [...query.excludeProfileIds, ...(await aliasedProfileIds(db, query.workspaceId, query.filters.excludeDomains))];
  const accept = compileSlotFilter(index, query.filters, excluded);
  const kept = new Map<string, SearchFirmographics>();
  for (const profileId of query.profileIds) {
    const slot = index.slotOfProfile(profileId);
    if (slot !== undefined && (!accept || accept(slot))) kept.set(profileId, index.firmographicsOf(slot));
  }
  return kept;
}

/** Profiles an excluded domain leads to through a recorded alias (a redirect, a former name). */
async function aliasedProfileIds(db: Kysely<Database>, workspaceId: string, domains: string[]): Promise<string[]> {
  if (domains.length === 0) return [];
  const rows = await db
    .selectFrom('company_domain_aliases')
    .select('profile_id')
    .where('workspace_id', '=', workspaceId)
    .where('domain', 'in', domains)
    .execute();
  return rows.map((row) => row.profile_id);
}
