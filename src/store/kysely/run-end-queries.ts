import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import type { EndedRun } from '../queue-store.ts';
import { countUnfinishedCells } from './run-queries.ts';

/** Whether any cell of the run is still queued or running: an index probe, not a count. */
async function hasUnfinishedCells(db: Kysely<Database>, runId: string): Promise<boolean> {
  const row = await db
    .selectFrom('cells')
    .select('row_key')
    .where('run_id', '=', runId)
    .where('status', 'in', ['requested', 'in_progress'])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * End the runs that have no queued or running cell left. A run that produced nothing but
 * failures ends `failed`; otherwise `done` (individual failed cells are visible per cell).
 * Answers only the runs this call ended, so each ended run is reported once.
 */
export async function endFinishedRuns(db: Kysely<Database>, runIds: Iterable<string>, now: string): Promise<EndedRun[]> {
  const ended: EndedRun[] = [];
  for (const runId of new Set(runIds)) {
    // Most batches end cells of a run that is far from over; only the last one counts.
    if (await hasUnfinishedCells(db, runId)) continue;
    const counts = await countUnfinishedCells(db, runId);
    if (counts.unfinished > 0) continue;
    const status = counts.failed > 0 && counts.done === 0 ? 'failed' : 'done';
    const updated = await db
      .updateTable('runs')
      .set({ status, updated_at: now, ended_at: now, num_cells_done: counts.done, num_cells_failed: counts.failed })
      .where('id', '=', runId)
      .where('status', 'in', ['created', 'in_progress'])
      .returning('table_id')
      .executeTakeFirst();
    if (updated) ended.push({ runId, tableId: updated.table_id, status });
  }
  return ended;
}
