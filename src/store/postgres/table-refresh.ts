import { sql, type Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';

/** ANALYZE again once this share of the cells changed since the last one (autovacuum's default scale factor). */
const ANALYZE_FRACTION = 0.1;

export interface TableRefresh {
  /** Cells were inserted. */
  noteCellsWritten(count: number): void;
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
 * that queues cells does not count: the share of cells in each status only mattered to the
 * engine's claims, whose plan no longer depends on it (migration 0024 and the decision
 * 2026-12-06-postgres-engine-throughput), and an ANALYZE at the start of a 30,000-cell run
 * cost 0.4-0.8 s of database time while the workers were busiest.
 */
export function createTableRefresh(root: Kysely<Database>): TableRefresh {
  let writtenSinceAnalyze = 0;
  /** Cells in the table at the last ANALYZE this process ran; null before the first. */
  let cellsAtAnalyze: number | null = null;
  return {
    noteCellsWritten(count) {
      writtenSinceAnalyze += count;
    },
    async refresh() {
      await sql`vacuum (parallel 0) rows, cells`.execute(root);
      if (cellsAtAnalyze !== null && writtenSinceAnalyze < ANALYZE_FRACTION * cellsAtAnalyze) return;
      writtenSinceAnalyze = 0;
      await sql`analyze rows, cells`.execute(root);
      const estimate = await sql<{ cells: number }>`select reltuples as cells from pg_class where oid = 'cells'::regclass`.execute(root);
      cellsAtAnalyze = Math.max(0, Number(estimate.rows[0]?.cells ?? 0));
    },
  };
}
