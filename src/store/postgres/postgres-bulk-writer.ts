import type { Kysely } from 'kysely';
import { createMultiRowBulkWriter, type BulkWriter } from '../bulk-writer.ts';
import type { Database } from '../database-schema.ts';
import { createTableRefresh } from './table-refresh.ts';

/** Refresh the tables once this many cells were written since the last refresh… */
const CELLS_PER_REFRESH = 50_000;
/** …or once writes pause this long with at least QUIET_REFRESH_MINIMUM cells written since. */
const QUIET_MS = 300;
const QUIET_REFRESH_MINIMUM = 1_000;
/**
 * Cells are noted as they are written, inside their transaction, so a refresh can start before
 * the last one commits and leave its pages for autovacuum; one more refresh this long after a
 * refresh that followed writes closely catches them (a VACUUM of nothing new costs a few ms).
 */
const TRAILING_REFRESH_MS = 2_000;

/**
 * Multi-row inserts, plus VACUUM and ANALYZE of rows and cells after bulk loads (table-refresh.ts). Right after
 * 100,000 rows arrive, PostgreSQL still believes the tables are tiny and plans data pages as
 * sequential scans (measured: 124 ms p50 instead of a few ms), and until a VACUUM sets their
 * pages all-visible an index-only scan still visits the heap for every entry it passes (a deep
 * page read after a 500,000-row load: p99 ~130 ms, 44 ms after VACUUM (ANALYZE)). Autovacuum
 * comes up to a minute later; this runs in the background (VACUUM cannot run inside a
 * transaction) after every 50,000 cells written or queued, and when writes pause.
 */
export function createPostgresBulkWriter(root: Kysely<Database>, maxBindParameters: number): BulkWriter {
  const writer = createMultiRowBulkWriter(maxBindParameters);
  const tableRefresh = createTableRefresh(root);
  let cellsSinceRefresh = 0;
  let isRefreshing = false;
  let quietTimer: NodeJS.Timeout | undefined;
  let lastNotedAt = 0;
  const refresh = (isTrailing = false) => {
    clearTimeout(quietTimer);
    quietTimer = undefined;
    if (isRefreshing) return;
    isRefreshing = true;
    cellsSinceRefresh = 0;
    const isCloseToWrites = Date.now() - lastNotedAt < TRAILING_REFRESH_MS;
    // VACUUM only reads pages not yet marked all-visible, so a refresh costs what changed since
    // the last one. It is an optimisation: if it fails, autovacuum does the same later.
    tableRefresh
      .refresh()
      .catch(() => undefined)
      .finally(() => {
        isRefreshing = false;
        // Writes that arrived during the refresh get their own once things are quiet.
        if (cellsSinceRefresh >= QUIET_REFRESH_MINIMUM) scheduleQuietRefresh();
        else if (!isTrailing && isCloseToWrites) scheduleRefresh(TRAILING_REFRESH_MS, true);
      });
  };
  const scheduleRefresh = (delayMs: number, isTrailing: boolean) => {
    clearTimeout(quietTimer);
    quietTimer = setTimeout(() => refresh(isTrailing), delayMs);
    quietTimer.unref();
  };
  const scheduleQuietRefresh = () => scheduleRefresh(QUIET_MS, false);
  const noteCellsChanged = (count: number) => {
    cellsSinceRefresh += count;
    lastNotedAt = Date.now();
    if (cellsSinceRefresh >= CELLS_PER_REFRESH && !isRefreshing) setTimeout(() => refresh(), 100).unref();
    else if (cellsSinceRefresh >= QUIET_REFRESH_MINIMUM) scheduleQuietRefresh();
  };
  return {
    insertRows: writer.insertRows,
    async insertCells(db, cells) {
      await writer.insertCells(db, cells);
      tableRefresh.noteCellsWritten(cells.length);
      noteCellsChanged(cells.length);
    },
    // Queued cells ask for a VACUUM (their old row versions), not an ANALYZE (see table-refresh.ts).
    noteCellsChanged,
  };
}
