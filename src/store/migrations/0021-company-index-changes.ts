import type { Kysely } from 'kysely';

// The company index's change log, for the in-memory text index each process keeps per workspace
// (decision 2026-12-06-company-search-in-memory-index). Every transaction that saves or deletes
// profiles raises its workspace's `version` (the row lock orders a workspace's writers, so a version
// is visible only after every smaller one) and records each profile it touched with that version:
// one row per profile, its latest change, so the log never outgrows the profiles ever stored.
// A process compares the version with the one it holds before each search and reads back only the
// profiles changed since. A workspace without a row is at version 0. `embedding_version` is raised
// by each transaction that stores vectors, so a process's vector matrix reads the newest vectors
// only when some were written since it last looked.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('company_index_versions')
    .addColumn('workspace_id', 'text', (column) => column.primaryKey())
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('embedding_version', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('company_index_changes')
    .addColumn('workspace_id', 'text', (column) => column.notNull())
    .addColumn('profile_id', 'text', (column) => column.notNull())
    .addColumn('version', 'integer', (column) => column.notNull())
    // 1 when the change was the profile's deletion.
    .addColumn('deleted', 'integer', (column) => column.notNull())
    .addPrimaryKeyConstraint('company_index_changes_pkey', ['workspace_id', 'profile_id'])
    .execute();
  await db.schema.createIndex('company_index_changes_version').on('company_index_changes').columns(['workspace_id', 'version']).execute();
}
