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

/**
 * readinessOf for the cells a run start inserts, tested only for the cells of columns that
 * depend on a computed column: the others are ready as queued. Those columns are listed once
 * per statement (an uncorrelated subquery, which both databases evaluate once), where
 * readinessOf's correlated subquery ran for every queued cell: ~10 µs a cell, 0.3 s of a
 * 30,000-cell run start on PostgreSQL for a column with no dependency at all, while no worker
 * could claim anything. `columnIds`: the columns being queued (the list is only theirs).
 */
export function readinessOfQueuedCell(rowKey: RawBuilder<unknown>, columnKey: RawBuilder<unknown>, columnIds: readonly string[]): RawBuilder<number> {
  if (columnIds.length === 0) return readinessOf(rowKey, columnKey);
  return sql<number>`case when ${columnKey} in (
  select own_column.column_key from columns own_column
  join column_dependencies dependency on dependency.column_id = own_column.id
  join columns upstream_column on upstream_column.id = dependency.depends_on_column_id
  where own_column.id in (${sql.join(columnIds.map((columnId) => sql`${columnId}`))}) and ${isComputedColumn('upstream_column')}
) then ${readinessOf(rowKey, columnKey)} else 1 end`;
}
