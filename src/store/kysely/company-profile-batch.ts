import { sql, type Kysely } from 'kysely';
import { searchDocument } from '../../domain/company-search/search-document.ts';
import type { Database } from '../database-schema.ts';
import type { StoreCapabilities } from '../store-capabilities.ts';
import type { CompanyProfileRecord } from '../store.ts';
import { PROFILE_COLUMNS, toCompanyProfile } from './company-profile-queries.ts';
import { embeddingModelOnSave } from './company-embedding-queries.ts';
import { firmographicColumns, postgresSearchVector } from './company-search-indexing.ts';
import { recordCompanyIndexSaves } from './company-index-changes.ts';

// Bind parameters per profile row (upsert) and per full-text row; chunks stay under the engine's limit.
const UPSERT_PARAMETERS = 20;
const TEXT_PARAMETERS = 8;

/**
 * Save many profiles (bulk import) with a few statements per chunk instead of four per profile:
 * one multi-row upsert, one read-back, and on SQLite one delete and one insert of their full-text
 * rows. The caller runs this in one transaction. A domain given twice keeps its last profile.
 */
export async function saveCompanyProfileBatch(
  db: Kysely<Database>,
  capabilities: Pick<StoreCapabilities, 'fullTextSearch' | 'maxBindParameters'>,
  profiles: CompanyProfileRecord[],
): Promise<CompanyProfileRecord[]> {
  const byKey = new Map(profiles.map((profile) => [`${profile.workspaceId}\u0000${profile.domain}`, profile]));
  const unique = [...byKey.values()];
  const chunkSize = Math.max(1, Math.floor(capabilities.maxBindParameters / UPSERT_PARAMETERS) - 1);
  const stored: CompanyProfileRecord[] = [];
  for (let start = 0; start < unique.length; start += chunkSize) {
    stored.push(...(await saveChunk(db, capabilities, unique.slice(start, start + chunkSize))));
  }
  await recordCompanyIndexSaves(db, capabilities.maxBindParameters, stored);
  return stored;
}

async function saveChunk(
  db: Kysely<Database>,
  capabilities: Pick<StoreCapabilities, 'fullTextSearch' | 'maxBindParameters'>,
  chunk: CompanyProfileRecord[],
): Promise<CompanyProfileRecord[]> {
  if (chunk.length === 0) return [];
  const isFts = capabilities.fullTextSearch === 'fts5';
  // New profiles take full-text keys after the largest one; a refreshed profile keeps its own
  // (the key is not in the update set), so some numbers go unused, which is harmless.
  const firstKey = isFts
    ? ((await db.selectFrom('company_profiles').select(sql<number>`coalesce(max(search_key), 0)`.as('top')).executeTakeFirstOrThrow()).top ?? 0) + 1
    : 0;
  const documents = chunk.map((profile) => searchDocument(profile));
  const rows = chunk.map((profile, index) => ({
    id: profile.id,
    workspace_id: profile.workspaceId,
    domain: profile.domain,
    created_at: profile.createdAt,
    name: profile.name,
    name_key: profile.nameKey,
    website: profile.website,
    fields: JSON.stringify(profile.fields),
    sources: JSON.stringify(profile.sources),
    as_of: profile.asOf,
    updated_at: profile.updatedAt,
    ...firmographicColumns(profile),
    ...(isFts ? { search_key: firstKey + index } : { search_vector: postgresSearchVector(documents[index]!) }),
  }));
  const excluded = (column: string) => sql.ref(`excluded.${column}`);
  const updated = ['name', 'name_key', 'website', 'fields', 'sources', 'as_of', 'updated_at', 'size_bucket', 'country_key', 'city_key', 'founding_year'];
  if (!isFts) updated.push('search_vector');
  await db
    .insertInto('company_profiles')
    .values(rows)
    .onConflict((conflict) =>
      conflict
        .columns(['workspace_id', 'domain'])
        .doUpdateSet({ ...Object.fromEntries(updated.map((column) => [column, excluded(column)])), embedding_model: embeddingModelOnSave() } as never),
    )
    .execute();
  const workspaceIds = [...new Set(chunk.map((profile) => profile.workspaceId))];
  const read = await db
    .selectFrom('company_profiles')
    .select(isFts ? [...PROFILE_COLUMNS, 'search_key'] : PROFILE_COLUMNS)
    .where('workspace_id', 'in', workspaceIds)
    .where(
      'domain',
      'in',
      chunk.map((profile) => profile.domain),
    )
    .execute();
  const readByKey = new Map(read.map((row) => [`${row.workspace_id}\u0000${row.domain}`, row]));
  const ordered = chunk.map((profile) => readByKey.get(`${profile.workspaceId}\u0000${profile.domain}`)!);
  if (isFts) {
    const keys = ordered.map((row) => (row as { search_key: number }).search_key);
    const textChunk = Math.max(1, Math.floor(capabilities.maxBindParameters / TEXT_PARAMETERS) - 1);
    for (let start = 0; start < keys.length; start += textChunk) {
      const slice = keys.slice(start, start + textChunk);
      await sql`delete from company_profile_text where rowid in (${sql.join(slice)})`.execute(db);
      const values = slice.map((key, offset) => {
        const document = documents[start + offset]!;
        return sql`(${key}, ${document.name}, ${document.domain}, ${document.about}, ${document.offer}, ${document.audience}, ${document.place}, ${document.tags})`;
      });
      await sql`insert into company_profile_text (rowid, name, domain, about, offer, audience, place, tags) values ${sql.join(values)}`.execute(db);
    }
  }
  return ordered.map(toCompanyProfile);
}
