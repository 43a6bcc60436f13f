import { sql, type Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';

/** ANALYZE again once this share of the cells changed since the last one (autovacuum's default scale factor). */
const ANALYZE_FRACTION = 0.1;

export interface TableRefresh {
  /** Cells were inserted. */
  noteCellsWritten(count: number): void;
  /** A run queued cells: the share of cells in each status changed, which the engine's plans read. */
  noteCellsQueued(count: number): void;
  /** VACUUM rows and cells, and ANALYZE them when enough changed since the last ANALYZE. */
  refresh(): Promise<void>;
}

/**
 * What a refresh after a bulk load runs on PostgreSQL. VACUUM sets the visibility map of the
 * pages written since the last one (index-only scans then skip the heap) and updates the tables'
 * size estimates; it reads only pages not yet all-visible. It runs with `parallel 0`: at
 * 1,000,000 rows a plain VACUUM of the already-vacuumed tables took ~180 ms, nearly all of it
 * launching a parallel worker for the index cleanup of cells' two large indexes, and ~3 ms without.
 * ANALYZE samples 30,000 rows of each table whatever changed (~0.8 s at 1,000,000 rows), and ran
 * with every VACUUM: 90 times during a 1,000,000-row load. Column statistics only need renewing
 * when a good share of the table changed (the size estimate comes from VACUUM and the file size),
 * so it runs the first time in a process and then as autovacuum would, after 10 % of the cells
 * were written; counted in this process, so it does not wait for the statistics collector. A run
 * that queued cells still gets an ANALYZE at the next refresh, as before: the engine's claims
 * are planned from the share of queued cells, which a run changes from nothing to all of them.
 */
export function createTableRefresh(root: Kysely<Database>): TableRefresh {
  let writtenSinceAnalyze = 0;
  let isQueuedSinceAnalyze = false;
  /** Cells in the table at the last ANALYZE this process ran; null before the first. */
  let cellsAtAnalyze: number | null = null;
  return {
    noteCellsWritten(count) {
      writtenSinceAnalyze += count;
    },
    noteCellsQueued(count) {
      if (count > 0) isQueuedSinceAnalyze = true;
    },
    async refresh() {
      await sql`vacuum (parallel 0) rows, cells`.execute(root);
      if (cellsAtAnalyze !== null && !isQueuedSinceAnalyze && writtenSinceAnalyze < ANALYZE_FRACTION * cellsAtAnalyze) return;
      writtenSinceAnalyze = 0;
      isQueuedSinceAnalyze = false;
      await sql`analyze rows, cells`.execute(root);
      const estimate = await sql<{ cells: number }>`select reltuples as cells from pg_class where oid = 'cells'::regclass`.execute(root);
      cellsAtAnalyze = Math.max(0, Number(estimate.rows[0]?.cells ?? 0));
    },
  };
}
