import type { Kysely } from 'kysely';

// Deep Search and Deep Research tasks report what they spent like runs do: tokens, dollars
// (added up as their stages end, at the prices of that day), the calls without a price (which
// make the cost unknown) and what the response cache saved. Deep Research already has `tokens`
// (input plus output); it gains the split.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['discovery_tasks', 'deep_research_tasks']) {
    await db.schema
      .alterTable(table)
      .addColumn('input_tokens', 'bigint', (definition) => definition.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable(table)
      .addColumn('output_tokens', 'bigint', (definition) => definition.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable(table)
      .addColumn('cost', 'double precision', (definition) => definition.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable(table)
      .addColumn('unpriced_calls', 'bigint', (definition) => definition.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable(table)
      .addColumn('cached_calls', 'bigint', (definition) => definition.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable(table)
      .addColumn('cache_saved_cost', 'double precision', (definition) => definition.notNull().defaultTo(0))
      .execute();
  }
}
