import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('runs')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('table_id', 'text', (column) => column.notNull())
    .addColumn('mode', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('rows', 'text')
    .addColumn('columns', 'text')
    .addColumn('num_requested_cells', 'bigint', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('runs_table_created').on('runs').columns(['table_id', 'created_at']).execute();
  await db.schema.createIndex('runs_status').on('runs').column('status').execute();

  // The status a queued cell had before its run asked for it, so cancelling can put it back.
  await db.schema.alterTable('cells').addColumn('previous_status', 'text').execute();
  // Earliest time (epoch ms) a queued cell may be claimed: retry backoff pushes it forward.
  await db.schema.alterTable('cells').addColumn('run_after', 'bigint').execute();
  // mode "all" asks for fresh answers, so its cells skip the provider response cache.
  await db.schema
    .alterTable('cells')
    .addColumn('bypass_cache', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('cells_run').on('cells').columns(['run_id', 'status']).where(sql.ref('run_id'), 'is not', null).execute();
}
