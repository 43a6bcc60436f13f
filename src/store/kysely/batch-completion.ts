import { sql, type Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import type { CellOutcome } from '../store.ts';
import { columnKeysOf, readRowKeys, rowKeysOf } from './cell-keys.ts';
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
  // Cells are keyed by integers (0022): the outcomes' ids are turned into keys first (two index
  // reads per batch), and the ended keys back into ids.
  const rowKeys = await readRowKeys(
    db,
    outcomes.map((outcome) => outcome.rowId),
  );
  const rowIdOf = new Map([...rowKeys].map(([id, key]) => [key, id]));
  const columnIds = [...new Set(outcomes.map((outcome) => outcome.columnId))];
  const columns = await db.selectFrom('columns').select(['id', 'column_key']).where('id', 'in', columnIds).execute();
  const columnKeyOf = new Map(columns.map((column) => [column.id, Number(column.column_key)]));
  const columnIdOf = new Map(columns.map((column) => [Number(column.column_key), column.id]));
  const known = outcomes.filter((outcome) => rowKeys.has(outcome.rowId) && columnKeyOf.has(outcome.columnId));
  const size = Math.max(1, Math.floor((maxBindParameters - 10) / PARAMETERS_PER_OUTCOME));
  for (let index = 0; index < known.length; index += size) {
    const part = known.slice(index, index + size);
    const values = sql.join(
      part.map(
        (outcome) =>
          sql`(cast(${rowKeys.get(outcome.rowId)!} as bigint), cast(${columnKeyOf.get(outcome.columnId)!} as bigint), ${outcome.leaseToken}, ${outcome.status}, ${
            outcome.value === null || outcome.value === undefined ? null : JSON.stringify(outcome.value)
          }, ${outcome.error})`,
      ),
    );
    // The row-key list is redundant with the join, but gives the planner the primary-key path:
    // without it PostgreSQL drove the join from every in-progress cell, once per batch.
    const keys = sql.join([...new Set(part.map((outcome) => rowKeys.get(outcome.rowId)!))]);
    const result = await sql<{ row_key: number; column_key: number }>`
      with outcome(row_key, column_key, lease_token, status, value, error) as (values ${values})
      update cells
      set status = outcome.status, value = outcome.value, error = outcome.error,
          lease_token = null, lease_expires_at = null, previous_status = null, run_after = null, stale = null, updated_at = ${now}
      from outcome
      where cells.row_key in (${keys}) and cells.row_key = outcome.row_key and cells.column_key = outcome.column_key
        and cells.lease_token = outcome.lease_token and cells.status = 'in_progress'
      returning cells.row_key, cells.column_key`.execute(db);
    for (const row of result.rows) ended.push({ row_id: rowIdOf.get(Number(row.row_key))!, column_id: columnIdOf.get(Number(row.column_key))! });
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
        .where('row_key', 'in', rowKeysOf(db, rowIds.slice(index, index + size)))
        .where('column_key', 'in', columnKeysOf(db, group.columnIds))
        .where('status', '=', 'requested')
        .executeTakeFirst();
      woken += Number(result.numUpdatedRows);
    }
  }
  return woken;
}
