import { sql, type ExpressionBuilder, type Kysely, type SqlBool, type Expression } from 'kysely';
import type { NormalizedSearchFilters } from '../../domain/company-search/search-filters.ts';
import { TEXT_COLUMN_WEIGHTS } from '../../domain/company-search/index-tokens.ts';
import { textRelevance } from '../../domain/company-search/relevance.ts';
import type { SearchFirmographics } from '../../domain/company-search/search-document.ts';
import type { CompanyIndexHit, CompanyIndexIdHit, CompanyIndexQuery } from '../company-search-store.ts';
import type { CompanyProfileRecord } from '../store.ts';
import type { Database } from '../database-schema.ts';
import type { StoreCapabilities } from '../store-capabilities.ts';
import { PROFILE_COLUMNS, toCompanyProfile } from './company-profile-queries.ts';

// Column weights of FTS5's bm25, in the table's column order (shared with the in-memory index).
const BM25_WEIGHTS = TEXT_COLUMN_WEIGHTS;
// Text strengths at which relevance_score reads 0.5: negated BM25 on SQLite, ts_rank (default
// weights) on PostgreSQL. Chosen so a query matched in a company's name and offer scores above 0.5.
const HALF_POINT = { fts5: 6, tsvector: 0.3 } as const;
/** The half point of BM25 strengths, FTS5's and the in-memory index's (the same formula). */
export const BM25_HALF_POINT = HALF_POINT.fts5;

type ProfileExpression = ExpressionBuilder<Database & { p: Database['company_profiles'] }, 'p'>;

/**
 * Profiles of one workspace that hold any of `terms`, strongest text match first (ties by id, so
 * pages never overlap), after the filters; with no terms, every profile the filters keep, by id.
 * The ranking reads ids only; the profiles are read for the hits returned.
 */
export async function searchCompanyProfiles(
  db: Kysely<Database>,
  textSearch: StoreCapabilities['fullTextSearch'],
  query: CompanyIndexQuery,
): Promise<CompanyIndexHit[]> {
  return withCompanyProfiles(db, query.workspaceId, await rankCompanyProfileIds(db, textSearch, query));
}

/** The profiles of ranked ids, in their order (ids of profiles no longer stored left out). */
export async function withCompanyProfiles(db: Kysely<Database>, workspaceId: string, hits: CompanyIndexIdHit[]): Promise<CompanyIndexHit[]> {
  const profiles = new Map(
    (
      await findCompanyProfilesByIds(
        db,
        workspaceId,
        hits.map((hit) => hit.id),
      )
    ).map((profile) => [profile.id, profile]),
  );
  return hits.flatMap((hit) => {
    const profile = profiles.get(hit.id);
    return profile ? [{ profile, textScore: hit.textScore }] : [];
  });
}

/** `searchCompanyProfiles` without reading the profiles: ids and text scores, best first. */
export async function rankCompanyProfileIds(
  db: Kysely<Database>,
  textSearch: StoreCapabilities['fullTextSearch'],
  query: CompanyIndexQuery,
): Promise<CompanyIndexIdHit[]> {
  const base = selectIds(db)
    .where('p.workspace_id', '=', query.workspaceId)
    .where((expression) => filterConditions(expression as never, query));
  if (query.terms.length === 0) {
    const rows = await base.orderBy('p.id').limit(query.limit).execute();
    return rows.map((row) => ({ id: row.id, textScore: 0 }));
  }
  if (textSearch === 'fts5') return rankFts5(db, base, query);
  const tsQuery = postgresQuery(query.terms);
  const rows = (await base
    .select(sql<number>`ts_rank(p.search_vector, ${tsQuery})`.as('strength'))
    .where(sql<SqlBool>`p.search_vector @@ ${tsQuery}`)
    .orderBy(sql`strength`, 'desc')
    .orderBy('p.id')
    .limit(query.limit)
    .execute()) as unknown as Array<{ id: string; strength: number }>;
  return rows.map((row) => ({ id: row.id, textScore: textRelevance(Number(row.strength), HALF_POINT.tsvector) }));
}

/** Of `profileIds`, those of the workspace the filters keep, with the firmographics lookalikes compare. */
export async function filterCompanyProfileIds(
  db: Kysely<Database>,
  query: Omit<CompanyIndexQuery, 'terms' | 'limit'> & { profileIds: string[] },
): Promise<Map<string, SearchFirmographics>> {
  const kept = new Map<string, SearchFirmographics>();
  for (const chunk of chunks(query.profileIds, ID_CHUNK)) {
    const rows = await db
      .selectFrom('company_profiles as p')
      .select(['p.id', 'p.size_bucket', 'p.country_key', 'p.city_key', 'p.founding_year'])
      .where('p.workspace_id', '=', query.workspaceId)
      .where('p.id', 'in', chunk)
      .where((expression) => filterConditions(expression as never, { ...query, terms: [], limit: 0 }))
      .execute();
    for (const row of rows) {
      kept.set(row.id, { sizeBucket: row.size_bucket, countryKey: row.country_key, cityKey: row.city_key, foundingYear: row.founding_year });
    }
  }
  return kept;
}

/** The workspace's profiles of these ids, in no particular order. */
export async function findCompanyProfilesByIds(db: Kysely<Database>, workspaceId: string, profileIds: string[]): Promise<CompanyProfileRecord[]> {
  const profiles: CompanyProfileRecord[] = [];
  for (const chunk of chunks(profileIds, ID_CHUNK)) {
    const rows = await selectProfiles(db).where('p.workspace_id', '=', workspaceId).where('p.id', 'in', chunk).execute();
    profiles.push(...rows.map(toCompanyProfile));
  }
  return profiles;
}

// Ids per statement: under SQLite's and PostgreSQL's bind limits with room for the filters.
const ID_CHUNK = 2_000;

function chunks<T>(values: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < values.length; start += size) result.push(values.slice(start, start + size));
  return result;
}

function postgresQuery(terms: string[]) {
  return sql`to_tsquery('english', ${terms.join(' | ')})`;
}

function fts5Match(terms: string[]): string {
  return terms.map((term) => `"${term}"`).join(' OR ');
}

function fts5Strength() {
  return sql<number>`-bm25(company_profile_text, ${sql.raw(BM25_WEIGHTS.join(', '))})`;
}

/**
 * FTS5 ranks every document that holds a term, which is cheap; looking each one up in
 * company_profiles to filter it is not. So the best `depth` text matches are taken from the
 * full-text table alone, then joined and filtered; when the filters (or other workspaces) leave
 * too few, the depth grows until enough remain or the matches run out. Ties are ordered by the
 * full-text key in both steps, so the answer is the same whatever depth found it.
 */
async function rankFts5(db: Kysely<Database>, base: SelectIds, query: CompanyIndexQuery): Promise<CompanyIndexIdHit[]> {
  const match = fts5Match(query.terms);
  const strength = fts5Strength();
  // Filters keep a fraction of the matches: start deeper so one pass usually suffices (each pass ranks every match again).
  const hasFilters = Object.values(query.filters).some((value) => (Array.isArray(value) ? value.length > 0 : value !== null));
  let depth = Math.max(64, query.limit * 2) * (hasFilters ? 16 : 1);
  for (;;) {
    // Two statements, not a join: SQLite's planner may drive the join from company_profiles and
    // rank the full-text matches once per profile.
    const candidates = await sql<{ rowid: number; strength: number }>`select rowid, ${strength} as strength from company_profile_text
      where company_profile_text match ${match} order by strength desc, rowid limit ${depth}`.execute(db);
    const strengthByKey = new Map(candidates.rows.map((row) => [row.rowid, row.strength]));
    const rows: Array<{ id: string; search_key: number }> = [];
    for (const keys of chunks([...strengthByKey.keys()], ID_CHUNK)) {
      rows.push(...((await base.select('p.search_key').where('p.search_key', 'in', keys).execute()) as Array<{ id: string; search_key: number }>));
    }
    const ranked = rows
      .map((row) => ({ row, strength: strengthByKey.get(row.search_key)! }))
      .sort((a, b) => b.strength - a.strength || a.row.search_key - b.row.search_key)
      .slice(0, query.limit);
    if (ranked.length >= query.limit || candidates.rows.length < depth) {
      return ranked.map(({ row, strength: value }) => ({ id: row.id, textScore: textRelevance(value, HALF_POINT.fts5) }));
    }
    depth *= 4;
  }
}

type SelectIds = ReturnType<typeof selectIds>;
function selectIds(db: Kysely<Database>) {
  return db.selectFrom('company_profiles as p').select(['p.id']);
}

function selectProfiles(db: Kysely<Database>) {
  return db.selectFrom('company_profiles as p').select(PROFILE_COLUMNS.map((column) => `p.${column}` as const));
}

/** The filters of §6.4 and the excluded profiles as one condition on `p`. */
function filterConditions(expression: ProfileExpression, query: CompanyIndexQuery): Expression<SqlBool> {
  const filters: NormalizedSearchFilters = query.filters;
  const conditions: Expression<SqlBool>[] = [];
  const keep = (column: 'p.size_bucket' | 'p.country_key' | 'p.city_key', values: string[]) => {
    if (values.length > 0) conditions.push(expression(column, 'in', values));
  };
  // An unknown size, country or city is not one of the excluded ones: exclusion keeps it.
  const drop = (column: 'p.size_bucket' | 'p.country_key' | 'p.city_key', values: string[]) => {
    if (values.length > 0) conditions.push(expression.or([expression(column, 'is', null), expression(column, 'not in', values)]));
  };
  keep('p.size_bucket', filters.includeSizes);
  drop('p.size_bucket', filters.excludeSizes);
  keep('p.country_key', filters.includeCountries);
  drop('p.country_key', filters.excludeCountries);
  keep('p.city_key', filters.includeCities);
  drop('p.city_key', filters.excludeCities);
  if (filters.foundedMin !== null) conditions.push(expression('p.founding_year', '>=', filters.foundedMin));
  if (filters.foundedMax !== null) conditions.push(expression('p.founding_year', '<=', filters.foundedMax));
  if (filters.excludeDomains.length > 0) {
    conditions.push(expression('p.domain', 'not in', filters.excludeDomains));
    // Alias-aware: a domain recorded as leading to a profile (a redirect, a former name) excludes it too.
    conditions.push(
      expression(
        'p.id',
        'not in',
        expression
          .selectFrom('company_domain_aliases as a')
          .select('a.profile_id')
          .where('a.workspace_id', '=', query.workspaceId)
          .where('a.domain', 'in', filters.excludeDomains),
      ),
    );
  }
  if (query.excludeProfileIds.length > 0) conditions.push(expression('p.id', 'not in', query.excludeProfileIds));
  return expression.and(conditions);
}
