import type { Kysely } from 'kysely';

// A run's summary outlives its cells' run_id (a later run takes them over), so what it ended
// with is recorded on the run: its done and failed cells when it ends, and the model calls and
// tokens of its cells as they end.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('runs').addColumn('num_cells_done', 'bigint').execute();
  await db.schema.alterTable('runs').addColumn('num_cells_failed', 'bigint').execute();
  for (const column of ['model_calls', 'input_tokens', 'output_tokens']) {
    await db.schema
      .alterTable('runs')
      .addColumn(column, 'bigint', (definition) => definition.notNull().defaultTo(0))
      .execute();
  }
}
