import { sql, type Kysely } from 'kysely';
import { bytesToVector, vectorToBytes } from '../../domain/company-search/profile-embedding.ts';
import type { CompanyEmbedding, CompanyProfileToEmbed, StoredCompanyEmbedding } from '../company-search-store.ts';
import type { Database } from '../database-schema.ts';
import { recordCompanyEmbeddingsChanged } from './company-index-changes.ts';

/** Profiles of the workspace whose vector of `model` is missing or out of date (their text changed since). */
export async function findCompanyProfilesToEmbed(
  db: Kysely<Database>,
  workspaceId: string,
  model: string,
  afterId: string | null,
  limit: number,
): Promise<CompanyProfileToEmbed[]> {
  let query = db.selectFrom('company_profiles').select(['id', 'name', 'domain', 'fields', 'updated_at']).where('workspace_id', '=', workspaceId);
  // A job walks the profiles in id order: each batch starts where the last ended, not at the first profile again.
  if (afterId !== null) query = query.where('id', '>', afterId);
  const rows = await query
    .where((expression) => expression.or([expression('embedding_model', 'is', null), expression('embedding_model', '<>', model)]))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    domain: row.domain,
    fields: JSON.parse(row.fields) as Record<string, unknown>,
    updatedAt: row.updated_at,
  }));
}

/**
 * Store the vectors; each only while the profile is unchanged since it was read (same
 * `updated_at`), so a vector of older text never passes for the new one. A profile with no
 * usable vector is marked done with none (it is searched by text only).
 */
export async function saveCompanyEmbeddings(
  db: Kysely<Database>,
  workspaceId: string,
  model: string,
  embeddings: (CompanyEmbedding & { updatedAt: string })[],
  embeddedAt: string,
): Promise<number> {
  let stored = 0;
  for (const embedding of embeddings) {
    const result = await db
      .updateTable('company_profiles')
      .set({
        embedding: embedding.vector ? Buffer.from(vectorToBytes(embedding.vector)) : null,
        embedding_model: model,
        embedding_dimensions: embedding.vector?.length ?? 0,
        embedded_at: embeddedAt,
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', embedding.profileId)
      .where('updated_at', '=', embedding.updatedAt)
      .executeTakeFirst();
    stored += Number(result.numUpdatedRows);
  }
  if (stored > 0) await recordCompanyEmbeddingsChanged(db, workspaceId);
  return stored;
}

/** Vectors of `model` in the order they were written, for a process's in-memory matrix (loaded, then kept up to date). */
export async function listCompanyEmbeddings(
  db: Kysely<Database>,
  workspaceId: string,
  model: string,
  since: string | null,
  after: { embeddedAt: string; profileId: string } | null,
  limit: number,
): Promise<StoredCompanyEmbedding[]> {
  let query = db
    .selectFrom('company_profiles')
    .select(['id', 'embedding', 'embedded_at'])
    .where('workspace_id', '=', workspaceId)
    .where('embedding_model', '=', model)
    .where('embedding_dimensions', '>', 0);
  if (since !== null) query = query.where('embedded_at', '>=', since);
  if (after !== null) {
    // The range alone lets the (workspace_id, embedded_at) index start at the key: with the OR
    // only, SQLite read every earlier row again at each page (78 vs 13 ms a page near the end of
    // 100,000, so loading in smaller pages grew quadratic).
    query = query
      .where('embedded_at', '>=', after.embeddedAt)
      .where((expression) =>
        expression.or([
          expression('embedded_at', '>', after.embeddedAt),
          expression.and([expression('embedded_at', '=', after.embeddedAt), expression('id', '>', after.profileId)]),
        ]),
      );
  }
  const rows = await query.orderBy('embedded_at').orderBy('id').limit(limit).execute();
  return rows.flatMap((row) => {
    const vector = row.embedding ? bytesToVector(row.embedding) : null;
    return vector && row.embedded_at ? [{ profileId: row.id, vector, embeddedAt: row.embedded_at }] : [];
  });
}

/** Workspaces with a profile whose vector of `model` is missing or out of date (at start-up: a new model re-embeds). */
export async function listWorkspacesToEmbed(db: Kysely<Database>, model: string): Promise<string[]> {
  const rows = await db
    .selectFrom('company_profiles')
    .select('workspace_id')
    .distinct()
    .where((expression) => expression.or([expression('embedding_model', 'is', null), expression('embedding_model', '<>', model)]))
    .execute();
  return rows.map((row) => row.workspace_id);
}

/**
 * The `embedding_model` a save writes: kept while the profile's text is what it was (a
 * re-save that only adds an alias or refreshes `as_of`), cleared when the name or fields
 * changed, so the vector is recomputed. For the upsert's update branch (`excluded` = the new row).
 */
export function embeddingModelOnSave() {
  return sql<
    string | null
  >`case when company_profiles.fields = excluded.fields and coalesce(company_profiles.name, '') = coalesce(excluded.name, '') then company_profiles.embedding_model else null end`;
}
