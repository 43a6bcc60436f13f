import { appendAll } from '../../domain/append-all.ts';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import type { CellOutcome } from '../store.ts';
import { READINESS } from './readiness.ts';

const PARAMETERS_PER_OUTCOME = 7;

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
    // The row-id list is redundant with the join, but gives the planner the primary-key path:
    // without it PostgreSQL drove the join from every in-progress cell, once per batch.
    const rowIds = sql.join([...new Set(part.map((outcome) => outcome.rowId))]);
    const result = await sql<{ row_id: string; column_id: string }>`
      with outcome(row_id, column_id, lease_token, status, value, error) as (values ${values})
      update cells
      set status = outcome.status, value = outcome.value, error = outcome.error,
          lease_token = null, lease_expires_at = null, previous_status = null, run_after = null, stale = null, updated_at = ${now}
      from outcome
      where cells.row_id in (${rowIds}) and cells.row_id = outcome.row_id and cells.column_id = outcome.column_id
        and cells.lease_token = outcome.lease_token and cells.status = 'in_progress'
      returning cells.row_id, cells.column_id`.execute(db);
    appendAll(ended, result.rows);
  }
  return ended;
}

/**
 * Recompute readiness of the queued cells in the same rows that wait on any of these (done)
 * cells. Most columns have no dependents, so the dependency edges are read first and the update
 * touches only those rows and columns, by primary key.
 */
export async function wakeDependents(db: Kysely<Database>, done: { rowId: string; columnId: string }[], maxBindParameters: number): Promise<number> {
  const upstreamIds = [...new Set(done.map((cell) => cell.columnId))];
  const edges = await db
    .selectFrom('column_dependencies')
    .select(['column_id', 'depends_on_column_id'])
    .where('depends_on_column_id', 'in', upstreamIds)
    .execute();
  if (edges.length === 0) return 0;
  const dependentsOf = new Map<string, string[]>();
  for (const edge of edges) dependentsOf.set(edge.depends_on_column_id, [...(dependentsOf.get(edge.depends_on_column_id) ?? []), edge.column_id]);
  // Group rows by the set of dependent columns they need woken (usually one group per batch).
  const groups = new Map<string, { columnIds: string[]; rowIds: Set<string> }>();
  for (const cell of done) {
    const columnIds = dependentsOf.get(cell.columnId);
    if (!columnIds) continue;
    const key = columnIds.join(',');
    const group = groups.get(key) ?? { columnIds, rowIds: new Set<string>() };
    group.rowIds.add(cell.rowId);
    groups.set(key, group);
  }
  let woken = 0;
  for (const group of groups.values()) {
    const rowIds = [...group.rowIds];
    const size = Math.max(1, maxBindParameters - group.columnIds.length - 10);
    for (let index = 0; index < rowIds.length; index += size) {
      const result = await db
        .updateTable('cells')
        .set({ is_ready: READINESS })
        .where('row_id', 'in', rowIds.slice(index, index + size))
        .where('column_id', 'in', group.columnIds)
        .where('status', '=', 'requested')
        .executeTakeFirst();
      woken += Number(result.numUpdatedRows);
    }
  }
  return woken;
}
