import { sql, type Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import type { CellOutcome } from '../store.ts';
import { READINESS } from './readiness.ts';

const PARAMETERS_PER_OUTCOME = 6;

/**
 * End many cells with one statement instead of one per cell: a CTE of the outcomes joined to
 * the cells, fenced by lease token and status like the single-cell form. Answers the cells that
 * were really ended (the rest had lost their lease).
 * Measured with an instant executor on SQLite: per-cell statements ended 3,800 cells/s.
 */
export async function endCellsInBatch(
  db: Kysely<Database>,
  outcomes: CellOutcome[],
  now: string,
  maxBindParameters: number,
): Promise<{ row_id: string; column_id: string }[]> {
  const ended: { row_id: string; column_id: string }[] = [];
  const size = Math.max(1, Math.floor((maxBindParameters - 10) / PARAMETERS_PER_OUTCOME));
  for (let index = 0; index < outcomes.length; index += size) {
    const part = outcomes.slice(index, index + size);
    const values = sql.join(
      part.map(
        (outcome) =>
          sql`(${outcome.rowId}, ${outcome.columnId}, ${outcome.leaseToken}, ${outcome.status}, ${
            outcome.value === null || outcome.value === undefined ? null : JSON.stringify(outcome.value)
          }, ${outcome.error})`,
      ),
    );
    const result = await sql<{ row_id: string; column_id: string }>`
      with outcome(row_id, column_id, lease_token, status, value, error) as (values ${values})
      update cells
      set status = outcome.status, value = outcome.value, error = outcome.error,
          lease_token = null, lease_expires_at = null, previous_status = null, run_after = null, updated_at = ${now}
      from outcome
      where cells.row_id = outcome.row_id and cells.column_id = outcome.column_id
        and cells.lease_token = outcome.lease_token and cells.status = 'in_progress'
      returning cells.row_id, cells.column_id`.execute(db);
    ended.push(...result.rows);
  }
  return ended;
}

/** Recompute readiness of the queued cells in the same rows that wait on any of these (done) cells. */
export async function wakeDependents(db: Kysely<Database>, done: { rowId: string; columnId: string }[], maxBindParameters: number): Promise<number> {
  let woken = 0;
  const size = Math.max(1, Math.floor((maxBindParameters - 10) / 2));
  for (let index = 0; index < done.length; index += size) {
    const part = done.slice(index, index + size);
    const values = sql.join(part.map((cell) => sql`(${cell.rowId}, ${cell.columnId})`));
    const result = await sql`
      with ended(row_id, column_id) as (values ${values})
      update cells set is_ready = ${READINESS}
      where cells.status = 'requested'
        and (cells.row_id, cells.column_id) in (
          select ended.row_id, dependency.column_id from ended
          join column_dependencies dependency on dependency.depends_on_column_id = ended.column_id
        )`.execute(db);
    woken += Number(result.numAffectedRows ?? 0);
  }
  return woken;
}
