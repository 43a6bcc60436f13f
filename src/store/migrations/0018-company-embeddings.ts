import { sql, type Kysely } from 'kysely';
import type { MigrationEngine } from './migration-engine.ts';

// Embeddings of company profiles for hybrid search, stored with the profile: the vector as
// little-endian float32 bytes (BLOB on SQLite, bytea on PostgreSQL; neither sqlite-vec nor
// pgvector is assumed, search scans an in-memory matrix), the model that made it and its
// dimensions (a change of model re-embeds), and when it was written (processes holding the
// matrix read only what is newer). A save that changes the profile's text clears the model,
// which marks the vector out of date until the `profile.embed` job writes a new one.
export async function up(db: Kysely<unknown>, engine: MigrationEngine): Promise<void> {
  await db.schema
    .alterTable('company_profiles')
    .addColumn('embedding', engine === 'sqlite' ? 'blob' : sql`bytea`)
    .execute();
  await db.schema.alterTable('company_profiles').addColumn('embedding_model', 'text').execute();
  await db.schema.alterTable('company_profiles').addColumn('embedding_dimensions', 'integer').execute();
  await db.schema.alterTable('company_profiles').addColumn('embedded_at', 'text').execute();
  await db.schema.createIndex('company_profiles_embedded_at').on('company_profiles').columns(['workspace_id', 'embedded_at']).execute();
  // The profile.embed job walks a workspace's profiles in id order (a range scan, not a sort of all of them per batch).
  await db.schema.createIndex('company_profiles_workspace_id').on('company_profiles').columns(['workspace_id', 'id']).execute();
}
