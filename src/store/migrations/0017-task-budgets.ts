import type { Kysely } from 'kysely';

// Issue 15 items 1 and 3 of wave 4: a spending budget on both task kinds, the reasons a
// discovery task stopped short (the budget), and whether its criteria still wait to be drafted
// from the query by the discover stage (a model call creation must not wait for).
export async function up(db: Kysely<unknown>): Promise<void> {
  // JSON {modelCalls, searches} (null limits allowed), or null for no budget.
  await db.schema.alterTable('discovery_tasks').addColumn('budget', 'text').execute();
  // JSON string[], like deep_research_tasks.degradation_reasons.
  await db.schema
    .alterTable('discovery_tasks')
    .addColumn('degradation_reasons', 'text', (column) => column.notNull().defaultTo('[]'))
    .execute();
  // 1 while the criteria are the query-restating placeholder the discover stage may replace.
  await db.schema
    .alterTable('discovery_tasks')
    .addColumn('criteria_pending', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('deep_research_tasks').addColumn('budget', 'text').execute();
}
