import { sql, type Kysely } from 'kysely';

// Find (filters on a table's rows) and out-of-date cells.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Why a computed cell's answer no longer matches what it would be computed from: 'inputs' (a
  // cell it reads changed) or 'config' (its column's prompt or settings changed). The answer is
  // kept; the engine clears the mark when it writes a new one.
  await db.schema.alterTable('cells').addColumn('stale', 'text').execute();
  // Partial indexes: they hold only failed or out-of-date cells, so ingest never writes them,
  // and the "failed" / "out of date" filters start from the few rows that match.
  await db.schema.createIndex('cells_failed_rows').on('cells').columns(['table_id', 'row_id']).where(sql.ref('status'), '=', 'failed').execute();
  await db.schema.createIndex('cells_stale_rows').on('cells').columns(['table_id', 'row_id']).where(sql.ref('stale'), 'is not', null).execute();

  // Named views of a table (filter, sort, search, columns), kept on the server so every client
  // of the table sees the same list.
  await db.schema
    .createTable('table_views')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('table_id', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('query', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('table_views_table_name').on('table_views').columns(['table_id', 'name']).unique().execute();
}
