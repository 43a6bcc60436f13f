import { sql, type Kysely } from 'kysely';
import { searchDocument } from '../../domain/company-search/search-document.ts';
import type { StoreCapabilities } from '../store-capabilities.ts';
import { embeddingModelOnSave } from './company-embedding-queries.ts';
import { recordCompanyIndexChanges } from './company-index-changes.ts';
import { firmographicColumns, postgresSearchVector, writeSqliteSearchText } from './company-search-indexing.ts';
import type { CompanyProfileRow, Database } from '../database-schema.ts';
import type { CompanyProfileRecord } from '../store.ts';

/** Company profiles: one per workspace and registrable domain, plus domains that led to one. */

export async function findCompanyProfile(db: Kysely<Database>, workspaceId: string, profileId: string): Promise<CompanyProfileRecord | undefined> {
  const row = await db
    .selectFrom('company_profiles')
    .select(PROFILE_COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', profileId)
    .executeTakeFirst();
  return row ? toCompanyProfile(row) : undefined;
}

/** By the profile's own domain, else by a domain recorded as leading to it. */
export async function findCompanyProfileByDomain(db: Kysely<Database>, workspaceId: string, domain: string): Promise<CompanyProfileRecord | undefined> {
  const own = await db
    .selectFrom('company_profiles')
    .select(PROFILE_COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('domain', '=', domain)
    .executeTakeFirst();
  if (own) return toCompanyProfile(own);
  const aliased = await db
    .selectFrom('company_domain_aliases')
    .innerJoin('company_profiles', 'company_profiles.id', 'company_domain_aliases.profile_id')
    .select(PROFILE_COLUMNS.map((column) => `company_profiles.${column}` as const))
    .where('company_domain_aliases.workspace_id', '=', workspaceId)
    .where('company_domain_aliases.domain', '=', domain)
    .executeTakeFirst();
  return aliased ? toCompanyProfile(aliased) : undefined;
}

/** The most recently updated profile whose reduced name is `nameKey`. */
export async function findCompanyProfileByName(db: Kysely<Database>, workspaceId: string, nameKey: string): Promise<CompanyProfileRecord | undefined> {
  const row = await db
    .selectFrom('company_profiles')
    .select(PROFILE_COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('name_key', '=', nameKey)
    .orderBy('updated_at', 'desc')
    .executeTakeFirst();
  return row ? toCompanyProfile(row) : undefined;
}

/**
 * Insert or refresh the profile of (workspace, domain), record `aliases` as leading to it, and
 * index it for company search in the same transaction (the caller runs this in one).
 * Two workers building the same domain at once both end here; the unique index makes the second
 * an update of the first, and the stored row (with the first one's id) is returned to both.
 */
export async function saveCompanyProfile(
  db: Kysely<Database>,
  textSearch: StoreCapabilities['fullTextSearch'],
  profile: CompanyProfileRecord,
  aliases: string[],
): Promise<CompanyProfileRecord> {
  const document = searchDocument(profile);
  const values = {
    name: profile.name,
    name_key: profile.nameKey,
    website: profile.website,
    fields: JSON.stringify(profile.fields),
    sources: JSON.stringify(profile.sources),
    as_of: profile.asOf,
    updated_at: profile.updatedAt,
    ...firmographicColumns(profile),
    ...(textSearch === 'tsvector' ? { search_vector: postgresSearchVector(document) } : {}),
  };
  // A new profile takes the next full-text key; a refreshed one keeps its own.
  const searchKey = textSearch === 'fts5' ? { search_key: sql<number>`(select coalesce(max(search_key), 0) + 1 from company_profiles)` } : {};
  await db
    .insertInto('company_profiles')
    .values({ id: profile.id, workspace_id: profile.workspaceId, domain: profile.domain, created_at: profile.createdAt, ...values, ...searchKey })
    .onConflict((conflict) => conflict.columns(['workspace_id', 'domain']).doUpdateSet({ ...values, embedding_model: embeddingModelOnSave() }))
    .execute();
  const stored = await db
    .selectFrom('company_profiles')
    .select(textSearch === 'fts5' ? [...PROFILE_COLUMNS, 'search_key'] : PROFILE_COLUMNS)
    .where('workspace_id', '=', profile.workspaceId)
    .where('domain', '=', profile.domain)
    .executeTakeFirstOrThrow();
  if (textSearch === 'fts5') await writeSqliteSearchText(db, (stored as { search_key: number }).search_key, document);
  for (const alias of new Set(aliases)) {
    if (alias === profile.domain) continue;
    await db
      .insertInto('company_domain_aliases')
      .values({ workspace_id: profile.workspaceId, domain: alias, profile_id: stored.id })
      .onConflict((conflict) => conflict.columns(['workspace_id', 'domain']).doUpdateSet({ profile_id: stored.id }))
      .execute();
  }
  // Last, so the workspace's version row is locked for as short a time as the transaction allows.
  await recordCompanyIndexChanges(db, SINGLE_CHANGE_PARAMETERS, profile.workspaceId, [{ profileId: stored.id, deleted: false }]);
  return toCompanyProfile(stored);
}

/** Bind parameters a single profile's change needs (far under every engine's limit). */
const SINGLE_CHANGE_PARAMETERS = 1_000;

/** Remove a profile, its aliases and its full-text row; false when this workspace has no such profile. */
export async function deleteCompanyProfile(
  db: Kysely<Database>,
  textSearch: StoreCapabilities['fullTextSearch'],
  workspaceId: string,
  profileId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('company_profiles')
    .select(textSearch === 'fts5' ? ['id', 'search_key'] : ['id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', profileId)
    .executeTakeFirst();
  if (!row) return false;
  const searchKey = (row as { search_key?: number | null }).search_key;
  if (searchKey != null) await sql`delete from company_profile_text where rowid = ${searchKey}`.execute(db);
  await db.deleteFrom('company_domain_aliases').where('workspace_id', '=', workspaceId).where('profile_id', '=', profileId).execute();
  // Rows of tables keep working without the profile: they are linked to it by id only.
  await db.updateTable('rows').set({ company_profile_id: null }).where('company_profile_id', '=', profileId).execute();
  await db.deleteFrom('company_profiles').where('id', '=', profileId).execute();
  await recordCompanyIndexChanges(db, SINGLE_CHANGE_PARAMETERS, workspaceId, [{ profileId, deleted: true }]);
  return true;
}

/** The columns a CompanyProfileRecord is read from (never the engine-specific search columns). */
export const PROFILE_COLUMNS = [
  'id',
  'workspace_id',
  'domain',
  'name',
  'name_key',
  'website',
  'fields',
  'sources',
  'as_of',
  'created_at',
  'updated_at',
] as const;

export function toCompanyProfile(row: Pick<CompanyProfileRow, (typeof PROFILE_COLUMNS)[number]>): CompanyProfileRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    domain: row.domain,
    name: row.name,
    nameKey: row.name_key,
    website: row.website,
    fields: JSON.parse(row.fields) as Record<string, unknown>,
    sources: JSON.parse(row.sources) as string[],
    asOf: row.as_of,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
