import type { Kysely } from 'kysely';

// Deep Research tasks (contract §5.8) and one finding per sub-question. Findings live in their
// own rows so research agents running in parallel (in several worker processes) never overwrite
// each other's answers; `agents` and `sources` are counted from them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('deep_research_tasks')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('workspace_id', 'text', (column) => column.notNull())
    .addColumn('owner_id', 'text', (column) => column.notNull())
    .addColumn('brief', 'text', (column) => column.notNull())
    .addColumn('depth', 'text', (column) => column.notNull())
    .addColumn('output_schema', 'text')
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('iterations', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('failure_reason', 'text')
    // JSON report (markdown or schema), null until done
    .addColumn('report', 'text')
    // JSON string[]: limits hit and agent failures noted before the report is written
    .addColumn('degradation_reasons', 'text', (column) => column.notNull().defaultTo('[]'))
    // JSON {name, website} of the target the planner settled on
    .addColumn('target', 'text')
    .addColumn('model_calls', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('tokens', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('searches', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('page_fetches', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('deep_research_tasks_workspace').on('deep_research_tasks').columns(['workspace_id', 'created_at']).execute();

  await db.schema
    .createTable('deep_research_findings')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('task_id', 'text', (column) => column.notNull())
    .addColumn('position', 'integer', (column) => column.notNull())
    .addColumn('question', 'text', (column) => column.notNull())
    // queued → done | failed
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('answer', 'text')
    // JSON {url, quote}[]
    .addColumn('excerpts', 'text', (column) => column.notNull().defaultTo('[]'))
    .addColumn('error', 'text')
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  // Planning run twice (a crash after the insert) must not add the sub-questions twice.
  await db.schema.createIndex('deep_research_findings_task_position').on('deep_research_findings').columns(['task_id', 'position']).unique().execute();
}
