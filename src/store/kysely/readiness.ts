import { type RawBuilder, sql } from 'kysely';
import { isComputedColumn } from './absent-cells.ts';

/**
 * SQL for "this queued cell may start": every computed cell it depends on in the same row is
 * done. Input cells never block (an empty input is the executor's concern). An upstream cell
 * that is not stored reads as `created`, so it blocks: the test is "a done cell exists", not
 * "no stored cell is anything but done".
 * Used inside UPDATE cells … SET is_ready = <this>, where `cells` is the updated row.
 */
export const READINESS = readinessOf(sql.ref('cells.row_id'), sql.ref('cells.column_id'));

/**
 * READINESS for the cell of row `rowId` and column `columnId` (references into the statement),
 * for an INSERT … SELECT that queues absent cells and can write their readiness as it inserts
 * them instead of updating every one again afterwards.
 */
export function readinessOf(rowId: RawBuilder<unknown>, columnId: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`case when exists (
  select 1 from column_dependencies dependency
  join columns upstream_column on upstream_column.id = dependency.depends_on_column_id
  where dependency.column_id = ${columnId} and ${isComputedColumn('upstream_column')}
    and not exists (
      select 1 from cells upstream
      where upstream.row_id = ${rowId} and upstream.column_id = dependency.depends_on_column_id and upstream.status = 'done'
    )
) then 0 else 1 end`;
}
