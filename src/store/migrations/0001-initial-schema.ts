import { sql, type Kysely } from 'kysely';
import type { MigrationEngine } from './migration-engine.ts';

// Written against Kysely's schema builder only, so the same migration runs on SQLite and PostgreSQL.
export async function up(db: Kysely<unknown>, engine: MigrationEngine): Promise<void> {
  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('slug', 'text', (column) => column.notNull().unique())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('workspace_id', 'text', (column) => column.notNull())
    .addColumn('email', 'text', (column) => column.notNull())
    .addColumn('is_admin', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('users_workspace_email').on('users').columns(['workspace_id', 'email']).unique().execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('token_prefix', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('tables')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('workspace_id', 'text', (column) => column.notNull())
    .addColumn('owner_id', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('description', 'text')
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('tags', 'text')
    .addColumn('notify', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('settings', 'text', (column) => column.notNull())
    .addColumn('parent_table_id', 'text')
    .addColumn('relationship_type', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addColumn('last_row_seq', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('num_rows', 'bigint', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('tables_workspace_created').on('tables').columns(['workspace_id', 'created_at']).execute();
  await db.schema.createIndex('tables_parent').on('tables').column('parent_table_id').execute();

  // Computed-cell counts by status, kept exact by the store in the same transaction as the cells.
  // Spread over a few shard rows per table: with one counter row, every worker's claim and
  // completion queued on that row's lock (measured on PostgreSQL with 4 worker processes).
  await db.schema
    .createTable('table_cell_counts')
    .addColumn('table_id', 'text', (column) => column.notNull())
    .addColumn('shard', 'integer', (column) => column.notNull())
    .addColumn('cells_created', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('cells_requested', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('cells_in_progress', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('cells_done', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('cells_failed', 'bigint', (column) => column.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('table_cell_counts_pk', ['table_id', 'shard'])
    .execute();

  await db.schema
    .createTable('table_tags')
    .addColumn('table_id', 'text', (column) => column.notNull())
    .addColumn('tag', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('table_tags_pk', ['table_id', 'tag'])
    .execute();
  await db.schema.createIndex('table_tags_tag').on('table_tags').column('tag').execute();

  await db.schema
    .createTable('columns')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('table_id', 'text', (column) => column.notNull())
    .addColumn('key', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('position', 'integer', (column) => column.notNull())
    .addColumn('config', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('columns_table_key').on('columns').columns(['table_id', 'key']).unique().execute();

  await db.schema
    .createTable('rows')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('table_id', 'text', (column) => column.notNull())
    .addColumn('seq', 'bigint', (column) => column.notNull())
    .addColumn('parent_row_id', 'text')
    .addColumn('company_profile_id', 'text')
    .addColumn('metadata', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  // (table_id, seq, id) lets a data page be answered from the index alone, at any offset.
  await db.schema.createIndex('rows_table_seq').on('rows').columns(['table_id', 'seq', 'id']).unique().execute();
  await db.schema.createIndex('rows_parent').on('rows').column('parent_row_id').where(sql.ref('parent_row_id'), 'is not', null).execute();

  // Cells are the bulk of all writes (one per row and column), so they carry as few indexes as
  // the queries allow: the primary key serves reads and deletes by row; the engine's indexes
  // (0003) are partial and hold only queued or running cells, so ingesting rows never touches them.
  let cells = db.schema
    .createTable('cells')
    .addColumn('row_id', 'text', (column) => column.notNull())
    .addColumn('column_id', 'text', (column) => column.notNull())
    .addColumn('table_id', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('value', 'text')
    .addColumn('error', 'text')
    .addColumn('is_input', 'integer', (column) => column.notNull())
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('run_id', 'text')
    .addColumn('lease_token', 'text')
    .addColumn('lease_expires_at', 'bigint')
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('cells_pk', ['row_id', 'column_id']);
  // SQLite: a WITHOUT ROWID table is its primary-key b-tree, one structure to write instead of two.
  if (engine === 'sqlite') cells = cells.modifyEnd(sql`without rowid`);
  await cells.execute();
}
