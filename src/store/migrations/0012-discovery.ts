import type { Kysely } from 'kysely';

// Discovery tasks (Deep Search, contract §5) and their candidates. Counters are not stored: they
// are counted from the candidates, whose status only moves forward, so they are monotone and
// consistent (evaluated ≤ enriched ≤ discovered) by construction.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('discovery_tasks')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('workspace_id', 'text', (column) => column.notNull())
    .addColumn('owner_id', 'text', (column) => column.notNull())
    .addColumn('query', 'text', (column) => column.notNull())
    .addColumn('desired_num_results', 'integer', (column) => column.notNull())
    // JSON {key, name, criterion}[]
    .addColumn('criteria', 'text', (column) => column.notNull())
    .addColumn('auto_data_sources', 'integer', (column) => column.notNull())
    .addColumn('data_sources', 'text', (column) => column.notNull())
    // JSON {id, run, columns, auto_import} or null
    .addColumn('table_link', 'text')
    // JSON string[], sorted
    .addColumn('exclude_domains', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('is_exhausted', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('is_paused', 'integer', (column) => column.notNull().defaultTo(0))
    // Search queries already sent (the planner continues after them on resume).
    .addColumn('queries_used', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('failure_reason', 'text')
    .addColumn('model_calls', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('searches', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('page_reads', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('discovery_tasks_workspace').on('discovery_tasks').columns(['workspace_id', 'created_at']).execute();

  await db.schema
    .createTable('discovery_candidates')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('task_id', 'text', (column) => column.notNull())
    .addColumn('domain', 'text', (column) => column.notNull())
    .addColumn('name', 'text')
    // The site as the source gave it (the home page to read), beside its registrable domain.
    .addColumn('website', 'text')
    .addColumn('source', 'text', (column) => column.notNull())
    .addColumn('source_url', 'text')
    // discovered → queued → enriched → evaluated, or rejected (dead site, not a company)
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('company_profile_id', 'text')
    .addColumn('description', 'text')
    .addColumn('scores', 'text')
    .addColumn('relevance', 'integer')
    .addColumn('is_high_fit', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('rejected_because', 'text')
    .addColumn('imported_row_id', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  // One candidate per company per task: a second mention of a domain is a duplicate.
  await db.schema.createIndex('discovery_candidates_task_domain').on('discovery_candidates').columns(['task_id', 'domain']).unique().execute();
  await db.schema.createIndex('discovery_candidates_task_status').on('discovery_candidates').columns(['task_id', 'status']).execute();
}
