import type { Kysely } from 'kysely';

// What a run spent in dollars (added up as its cells end, like its tokens), the caps it was
// started with, and why it ended early when a cap stopped it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('runs')
    .addColumn('cost', 'double precision', (definition) => definition.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('runs')
    .addColumn('unpriced_cells', 'bigint', (definition) => definition.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('runs').addColumn('max_cost', 'double precision').execute();
  await db.schema.alterTable('runs').addColumn('max_cells', 'bigint').execute();
  await db.schema.alterTable('runs').addColumn('status_reason', 'text').execute();
}
