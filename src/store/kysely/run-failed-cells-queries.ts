import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import type { RunFailedCell } from '../run-store.ts';
import { fromStoredTime } from './stored-time.ts';

/**
 * A run's failed cells with their messages, in table order, and how many there are. Both read
 * the (run_id, status) index; a cell a later run took over belongs to that run instead.
 */
export async function listFailedCellsOfRun(
  db: Kysely<Database>,
  runId: string,
  page: { offset: number; limit: number },
): Promise<{ cells: RunFailedCell[]; total: number }> {
  const failedOfRun = db.selectFrom('cells').where('cells.run_id', '=', runId).where('cells.status', '=', 'failed');
  const rows = await failedOfRun
    .innerJoin('rows', 'rows.key', 'cells.row_key')
    .innerJoin('columns', 'columns.column_key', 'cells.column_key')
    .select(['rows.id as row_id', 'columns.id as column_id', 'cells.error', 'cells.updated_at', 'rows.created_at as row_created_at'])
    .orderBy('rows.seq')
    .orderBy('columns.position')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const total = await failedOfRun.select((expression) => expression.fn.countAll<number>().as('count')).executeTakeFirst();
  return {
    cells: rows.map((row) => ({
      rowId: row.row_id,
      columnId: row.column_id,
      error: row.error,
      // A cell with no stored time reads as its row's created_at (only input cells, never failed, have none).
      updatedAt: row.updated_at ?? fromStoredTime(row.row_created_at),
    })),
    total: Number(total?.count ?? 0),
  };
}
