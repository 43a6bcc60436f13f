import { sql, type Kysely } from 'kysely';
import { CELL_STATUSES, type CellCounts, type CellStatus } from '../../domain/records.ts';
import type { Database } from '../database-schema.ts';
import { countComputedColumns, countTableRows } from './absent-cells.ts';
import { columnKeyOf, rowKeysOf, rowKeysOfTable } from './cell-keys.ts';

const COUNTER_COLUMN: Record<CellStatus, 'cells_created' | 'cells_requested' | 'cells_in_progress' | 'cells_done' | 'cells_failed'> = {
  created: 'cells_created',
  requested: 'cells_requested',
  in_progress: 'cells_in_progress',
  done: 'cells_done',
  failed: 'cells_failed',
};

export const COUNTER_SHARDS = 16;

/**
 * The table's status block must be exact at every moment and cheap to read at 100,000 rows,
 * so computed-cell counts are kept in counter rows moved in the same transaction as the cells
 * they count. Every store method that changes a computed cell's status calls this. Each call
 * adds to one of a few shard rows at random, so concurrent workers rarely wait on each other.
 */
export async function applyCellCountDeltas(db: Kysely<Database>, tableId: string, deltas: Partial<CellCounts>): Promise<void> {
  const entries = CELL_STATUSES.filter((status) => (deltas[status] ?? 0) !== 0);
  if (entries.length === 0) return;
  const values: Record<string, number> = {};
  for (const status of CELL_STATUSES) values[COUNTER_COLUMN[status]] = deltas[status] ?? 0;
  await db
    .insertInto('table_cell_counts')
    .values({ table_id: tableId, shard: Math.floor(Math.random() * COUNTER_SHARDS), ...values } as never)
    .onConflict((conflict) =>
      conflict
        .columns(['table_id', 'shard'])
        .doUpdateSet(
          Object.fromEntries(
            entries.map((status) => [COUNTER_COLUMN[status], sql`${sql.ref(`table_cell_counts.${COUNTER_COLUMN[status]}`)} + ${deltas[status]!}`]),
          ) as never,
        ),
    )
    .execute();
}

/** Summed counts of these tables, by table id (tables without counter rows are absent). */
export async function readCellCounts(db: Kysely<Database>, tableIds: string[]): Promise<Map<string, CellCounts>> {
  if (tableIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('table_cell_counts')
    .select((expression) => [
      'table_id',
      expression.fn.sum<number>('cells_created').as('created'),
      expression.fn.sum<number>('cells_requested').as('requested'),
      expression.fn.sum<number>('cells_in_progress').as('in_progress'),
      expression.fn.sum<number>('cells_done').as('done'),
      expression.fn.sum<number>('cells_failed').as('failed'),
    ])
    .where('table_id', 'in', tableIds)
    .groupBy('table_id')
    .execute();
  return new Map(
    rows.map((row) => [
      row.table_id,
      {
        created: Number(row.created),
        requested: Number(row.requested),
        in_progress: Number(row.in_progress),
        done: Number(row.done),
        failed: Number(row.failed),
      },
    ]),
  );
}

/**
 * Counts by status of the computed cells matching a filter, used to move counters on deletes.
 * Absent cells count as `created`: how many (row, computed column) pairs the filter covers is
 * worked out from the table's row count (or `rowIds`, which must all be rows of the table) and
 * its computed columns, less the cells stored.
 */
export async function countComputedCells(db: Kysely<Database>, filter: { tableId: string; rowIds?: string[]; columnId?: string }): Promise<CellCounts> {
  const stored = await countStoredComputedCells(db, filter);
  const rows = filter.rowIds ? filter.rowIds.length : await countTableRows(db, filter.tableId);
  const pairs = rows * (await countComputedColumns(db, filter.tableId, filter.columnId));
  const storedTotal = CELL_STATUSES.reduce((sum, status) => sum + stored[status], 0);
  stored.created += Math.max(0, pairs - storedTotal);
  return stored;
}

async function countStoredComputedCells(db: Kysely<Database>, filter: { tableId: string; rowIds?: string[]; columnId?: string }): Promise<CellCounts> {
  let query = db
    .selectFrom('cells')
    .select(['status', (expression) => expression.fn.countAll<number>().as('count')])
    .where('row_key', 'in', filter.rowIds ? rowKeysOf(db, filter.rowIds) : rowKeysOfTable(db, filter.tableId))
    .where('is_input', '=', 0);
  if (filter.columnId) query = query.where('column_key', '=', columnKeyOf(db, filter.columnId));
  const rows = await query.groupBy('status').execute();
  const counts: CellCounts = { created: 0, requested: 0, in_progress: 0, done: 0, failed: 0 };
  for (const row of rows) counts[row.status as CellStatus] = Number(row.count);
  return counts;
}

export function negate(counts: CellCounts): CellCounts {
  return {
    created: -counts.created,
    requested: -counts.requested,
    in_progress: -counts.in_progress,
    done: -counts.done,
    failed: -counts.failed,
  };
}

/** Out-of-date cells per table, read from the partial index that holds only those. */
export async function countStaleCells(db: Kysely<Database>, tableIds: string[]): Promise<Map<string, number>> {
  if (tableIds.length === 0) return new Map();
  // A table's cells are its columns' cells: the (column_key, row_key) index of out-of-date cells, by column.
  const rows = await db
    .selectFrom('columns')
    .innerJoin('cells', 'cells.column_key', 'columns.column_key')
    .select(['columns.table_id', (expression) => expression.fn.countAll<number>().as('count')])
    .where('columns.table_id', 'in', tableIds)
    .where('cells.stale', 'is not', null)
    .groupBy('columns.table_id')
    .execute();
  return new Map(rows.map((row) => [row.table_id, Number(row.count)]));
}
