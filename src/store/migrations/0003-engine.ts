import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Edges of each table's dependency graph by column id, kept in step with the column configs,
  // so readiness can be decided in SQL (a cell is ready when every computed cell it depends on
  // in its row is done).
  await db.schema
    .createTable('column_dependencies')
    .addColumn('table_id', 'text', (column) => column.notNull())
    .addColumn('column_id', 'text', (column) => column.notNull())
    .addColumn('depends_on_column_id', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('column_dependencies_pk', ['column_id', 'depends_on_column_id'])
    .execute();
  await db.schema.createIndex('column_dependencies_upstream').on('column_dependencies').column('depends_on_column_id').execute();
  await db.schema.createIndex('column_dependencies_table').on('column_dependencies').column('table_id').execute();

  // 1 when a queued cell's dependencies are all done: set when a run queues it and when an
  // upstream cell ends, so claiming never scans cells that are still waiting.
  await db.schema
    .alterTable('cells')
    .addColumn('is_ready', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('cells_claimable').on('cells').columns(['is_ready', 'run_after']).where(sql.ref('status'), '=', 'requested').execute();
  await db.schema.createIndex('cells_waiting').on('cells').columns(['table_id', 'is_ready']).where(sql.ref('status'), '=', 'requested').execute();
  await db.schema.createIndex('cells_leased').on('cells').column('lease_expires_at').where(sql.ref('status'), '=', 'in_progress').execute();
  await db.schema.createIndex('cells_lease_token').on('cells').column('lease_token').where(sql.ref('status'), '=', 'in_progress').execute();

  // Identical provider requests answered before (hash of provider, model and request).
  await db.schema
    .createTable('provider_cache')
    .addColumn('key', 'text', (column) => column.primaryKey())
    .addColumn('value', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'bigint', (column) => column.notNull())
    .execute();
}
