import { type RawBuilder, sql } from 'kysely';
import { isComputedColumn } from './absent-cells.ts';

/**
 * SQL for "this queued cell may start": every computed cell it depends on in the same row is
 * done. Input cells never block (an empty input is the executor's concern). An upstream cell
 * that is not stored reads as `created`, so it blocks: the test is "a done cell exists", not
 * "no stored cell is anything but done".
 * Used inside UPDATE cells … SET is_ready = <this>, where `cells` is the updated row. Dependency
 * edges are kept by column id; cells by column key (0022), hence the two joins to `columns`.
 */
export const READINESS = readinessOf(sql.ref('cells.row_key'), sql.ref('cells.column_key'));

/**
 * READINESS for the cell of row key `rowKey` and column key `columnKey` (references into the
 * statement), for an INSERT … SELECT that queues absent cells and can write their readiness as
 * it inserts them instead of updating every one again afterwards.
 */
export function readinessOf(rowKey: RawBuilder<unknown>, columnKey: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`case when exists (
  select 1 from columns own_column
  join column_dependencies dependency on dependency.column_id = own_column.id
  join columns upstream_column on upstream_column.id = dependency.depends_on_column_id
  where own_column.column_key = ${columnKey} and ${isComputedColumn('upstream_column')}
    and not exists (
      select 1 from cells upstream
      where upstream.row_key = ${rowKey} and upstream.column_key = upstream_column.column_key and upstream.status = 'done'
    )
) then 0 else 1 end`;
}
