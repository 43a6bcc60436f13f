import { sql, type Kysely } from 'kysely';
import { searchDocument } from '../../domain/company-search/search-document.ts';
import type { CompanyIndexEntry } from '../company-index/workspace-text-index.ts';
import type { CompanyIndexSource } from '../company-index/company-index-cache.ts';
import type { Database } from '../database-schema.ts';

/** Bind parameters per change row. */
const CHANGE_PARAMETERS = 4;

/**
 * Record, in the caller's transaction, that these profiles of the workspace were saved or deleted:
 * raise the workspace's version (its row stays locked until the transaction ends, which orders the
 * workspace's writers) and note each profile's latest change at that version.
 */
export async function recordCompanyIndexChanges(
  db: Kysely<Database>,
  maxBindParameters: number,
  workspaceId: string,
  changes: Array<{ profileId: string; deleted: boolean }>,
): Promise<void> {
  if (changes.length === 0) return;
  const { version } = await db
    .insertInto('company_index_versions')
    .values({ workspace_id: workspaceId, version: 1 })
    .onConflict((conflict) => conflict.column('workspace_id').doUpdateSet({ version: sql<number>`company_index_versions.version + 1` }))
    .returning('version')
    .executeTakeFirstOrThrow();
  const latest = new Map(changes.map((change) => [change.profileId, change.deleted]));
  const rows = [...latest].map(([profileId, deleted]) => ({
    workspace_id: workspaceId,
    profile_id: profileId,
    version: Number(version),
    deleted: deleted ? 1 : 0,
  }));
  const chunkSize = Math.max(1, Math.floor(maxBindParameters / CHANGE_PARAMETERS) - 1);
  for (let start = 0; start < rows.length; start += chunkSize) {
    await db
      .insertInto('company_index_changes')
      .values(rows.slice(start, start + chunkSize))
      .onConflict((conflict) =>
        conflict.columns(['workspace_id', 'profile_id']).doUpdateSet({ version: sql.ref('excluded.version'), deleted: sql.ref('excluded.deleted') } as never),
      )
      .execute();
  }
}

/** Record, in the caller's transaction, that vectors of the workspace's profiles were stored. */
export async function recordCompanyEmbeddingsChanged(db: Kysely<Database>, workspaceId: string): Promise<void> {
  await db
    .insertInto('company_index_versions')
    .values({ workspace_id: workspaceId, version: 0, embedding_version: 1 })
    .onConflict((conflict) => conflict.column('workspace_id').doUpdateSet({ embedding_version: sql<number>`company_index_versions.embedding_version + 1` }))
    .execute();
}

/** Record the changes of a batch that may span workspaces, one workspace at a time in id order (a fixed lock order). */
export async function recordCompanyIndexSaves(
  db: Kysely<Database>,
  maxBindParameters: number,
  profiles: Array<{ id: string; workspaceId: string }>,
): Promise<void> {
  const byWorkspace = new Map<string, Array<{ profileId: string; deleted: boolean }>>();
  for (const profile of profiles) {
    const list = byWorkspace.get(profile.workspaceId) ?? [];
    list.push({ profileId: profile.id, deleted: false });
    byWorkspace.set(profile.workspaceId, list);
  }
  for (const workspaceId of [...byWorkspace.keys()].sort()) await recordCompanyIndexChanges(db, maxBindParameters, workspaceId, byWorkspace.get(workspaceId)!);
}

/** The database side of the in-memory company index (see CompanyIndexCache). */
export function companyIndexSource(db: Kysely<Database>): CompanyIndexSource {
  return {
    async readVersion(workspaceId) {
      const row = await db.selectFrom('company_index_versions').select('version').where('workspace_id', '=', workspaceId).executeTakeFirst();
      return row ? Number(row.version) : 0;
    },
    async listEntries(workspaceId, afterId, limit) {
      let query = selectEntries(db).where('workspace_id', '=', workspaceId);
      if (afterId !== null) query = query.where('id', '>', afterId);
      return (await query.orderBy('id').limit(limit).execute()).map(toEntry);
    },
    async listChanges(workspaceId, afterVersion) {
      const rows = await db
        .selectFrom('company_index_changes')
        .select(['profile_id', 'version'])
        .where('workspace_id', '=', workspaceId)
        .where('version', '>', afterVersion)
        .execute();
      return rows.map((row) => ({ profileId: row.profile_id, version: Number(row.version) }));
    },
    async findEntries(workspaceId, profileIds) {
      const entries: CompanyIndexEntry[] = [];
      for (let start = 0; start < profileIds.length; start += ID_CHUNK) {
        const rows = await selectEntries(db)
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', profileIds.slice(start, start + ID_CHUNK))
          .execute();
        entries.push(...rows.map(toEntry));
      }
      return entries;
    },
  };
}

/** Profiles of the workspace whose last change, above `afterVersion`, was their deletion; and the workspace's versions. */
export async function listDeletedCompanyProfiles(
  db: Kysely<Database>,
  workspaceId: string,
  afterVersion: number,
): Promise<{ version: number; embeddingVersion: number; profileIds: string[] }> {
  const row = await db.selectFrom('company_index_versions').select(['version', 'embedding_version']).where('workspace_id', '=', workspaceId).executeTakeFirst();
  const version = row ? Number(row.version) : 0;
  const embeddingVersion = row ? Number(row.embedding_version) : 0;
  if (version <= afterVersion) return { version, embeddingVersion, profileIds: [] };
  const rows = await db
    .selectFrom('company_index_changes')
    .select(['profile_id', 'version'])
    .where('workspace_id', '=', workspaceId)
    .where('version', '>', afterVersion)
    .where('deleted', '=', 1)
    .execute();
  return {
    version: rows.reduce((newest, change) => Math.max(newest, Number(change.version)), version),
    embeddingVersion,
    profileIds: rows.map((change) => change.profile_id),
  };
}

// Ids per statement: under SQLite's and PostgreSQL's bind limits.
const ID_CHUNK = 2_000;

function selectEntries(db: Kysely<Database>) {
  return db.selectFrom('company_profiles').select(['id', 'domain', 'name', 'fields', 'size_bucket', 'country_key', 'city_key', 'founding_year']);
}

function toEntry(row: {
  id: string;
  domain: string;
  name: string | null;
  fields: string;
  size_bucket: string | null;
  country_key: string | null;
  city_key: string | null;
  founding_year: number | null;
}): CompanyIndexEntry {
  const fields = JSON.parse(row.fields) as Record<string, unknown>;
  return {
    id: row.id,
    domain: row.domain,
    document: searchDocument({ name: row.name, domain: row.domain, fields }),
    firmographics: { sizeBucket: row.size_bucket, countryKey: row.country_key, cityKey: row.city_key, foundingYear: row.founding_year },
  };
}

/** Workspaces holding profiles, those with the most first (the start-up warm-up loads the largest: their first search waits longest). */
export async function listWorkspacesWithCompanyProfiles(db: Kysely<Database>, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('company_profiles')
    .select(['workspace_id', (eb) => eb.fn.countAll<number>().as('profiles')])
    .groupBy('workspace_id')
    .orderBy('profiles', 'desc')
    .orderBy('workspace_id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.workspace_id);
}
