import { sql, type Kysely } from 'kysely';
import { createMultiRowBulkWriter, type BulkWriter } from '../bulk-writer.ts';
import type { Database } from '../database-schema.ts';

/** Refresh planner statistics once this many cells were written since the last refresh. */
const CELLS_PER_STATISTICS_REFRESH = 50_000;

/**
 * Multi-row inserts, plus a planner-statistics refresh after bulk loads. Right after 100,000
 * rows arrive, PostgreSQL still believes the tables are tiny and plans data pages as sequential
 * scans (measured: 124 ms p50 instead of a few ms); autovacuum's ANALYZE comes up to a minute
 * later. Refreshing in the background after every 50,000 cells written or queued keeps plans
 * on the indexes.
 */
export function createPostgresBulkWriter(root: Kysely<Database>, maxBindParameters: number): BulkWriter {
  const writer = createMultiRowBulkWriter(maxBindParameters);
  let cellsSinceRefresh = 0;
  let isRefreshing = false;
  const refreshStatistics = () => {
    isRefreshing = true;
    cellsSinceRefresh = 0;
    // Statistics are an optimisation: if ANALYZE fails the planner keeps older statistics.
    sql`analyze rows, cells`
      .execute(root)
      .catch(() => undefined)
      .finally(() => (isRefreshing = false));
  };
  const noteCellsChanged = (count: number) => {
    cellsSinceRefresh += count;
    if (cellsSinceRefresh >= CELLS_PER_STATISTICS_REFRESH && !isRefreshing) setTimeout(refreshStatistics, 100).unref();
  };
  return {
    insertRows: writer.insertRows,
    async insertCells(db, cells) {
      await writer.insertCells(db, cells);
      noteCellsChanged(cells.length);
    },
    noteCellsChanged,
  };
}
