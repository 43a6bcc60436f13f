import { sql, type Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import type { EndedRun } from '../queue-store.ts';

/**
 * End, in one statement, those of these runs that have no queued or running cell left: `failed`
 * when they produced nothing but failures, else `done`. It runs after the endings that touched
 * the runs have committed, in a snapshot of its own, so of two workers ending a run's last two
 * cells at once the later one always sees both (checked inside each ending's own transaction,
 * each could see the other's cell still running and neither end the run). Answers only the runs
 * this call ended, so each is reported once. `finished` is materialized and the tallies are
 * probes of the (run_id, status) index: inlined, PostgreSQL joined every cell of the table to the
 * run before checking it had ended (1.7 s a batch at 30,000 cells). One probe per status, each an
 * equality on both columns of that index: with `status in (…)` PostgreSQL seeked on run_id alone
 * and filtered every cell of the run, done ones included (8.5 ms a batch, 30,000 heap fetches).
 */
export async function endRunsWithNothingLeft(db: Kysely<Database>, runIds: string[], now: string): Promise<EndedRun[]> {
  if (runIds.length === 0) return [];
  const result = await sql<{ id: string; table_id: string; status: 'done' | 'failed' }>`
    with finished as materialized (
      select runs.id from runs
      where runs.id = any(${runIds}::text[]) and runs.status in ('created', 'in_progress')
        and not exists (select 1 from cells where cells.run_id = runs.id and cells.status = 'requested')
        and not exists (select 1 from cells where cells.run_id = runs.id and cells.status = 'in_progress')
    ), tally as (
      select finished.id,
             (select count(*) from cells where cells.run_id = finished.id and cells.status = 'done') as done,
             (select count(*) from cells where cells.run_id = finished.id and cells.status = 'failed') as failed
      from finished
    )
    update runs
    set status = case when tally.failed > 0 and tally.done = 0 then 'failed' else 'done' end,
        updated_at = ${now}, ended_at = ${now}, num_cells_done = tally.done, num_cells_failed = tally.failed
    from tally
    where runs.id = tally.id and runs.status in ('created', 'in_progress')
    returning runs.id, runs.table_id, runs.status`.execute(db);
  return result.rows.map((row) => ({ runId: row.id, tableId: row.table_id, status: row.status }));
}
