import { sql, type Kysely } from 'kysely';
import type { MigrationEngine } from './migration-engine.ts';

// PostgreSQL's claim picks ready cells through this index, in the order it keeps: fresh cells
// (no retry time, key 0) and then retries by the time they become due. The key is the claim's
// own condition, so "due now" is one index range and a claim stops after the cells it takes.
// Why: the old claim had no ORDER BY and no index matching its condition as a range, so the
// plan followed the statistics, and those are taken while a run is being queued or is moving
// cells from requested to done. With a share of queued cells estimated, PostgreSQL chose a
// sequential scan that walked every input and ended cell before the queued ones (115-145 ms a
// claim at 30,000 cells, growing with the table); with none estimated, a scan of every queued
// cell. An ORDER BY the index provides makes the index the cheapest plan whatever the estimate
// (a sequential scan would have to sort every queued cell). See the decision
// 2026-12-06-postgres-engine-throughput. The ORDER BY alone was not enough: with no queued cell
// in the statistics, `cells_waiting` (every queued cell, by table) looked as cheap, and the claim
// read all 30,000 queued cells through it and sorted them (50-90 ms a claim). So `cells_waiting`
// now holds only the cells still waiting on a dependency (`is_ready = 0`), which is all that its
// users (the sweep of waiting cells, by the table's columns since 0022's integer keys) ask for, and no index but this one serves the
// claim's `is_ready = 1`. `cells_claimable` served only the claim on PostgreSQL and is dropped.
// Both leave a run's ready cells with one index entry fewer to write as they are queued.
// SQLite keeps its claim and its indexes: its planner and single writer have neither problem.
export async function up(db: Kysely<unknown>, engine: MigrationEngine): Promise<void> {
  if (engine !== 'postgres') return;
  await sql`create index cells_ready_queue on cells ((coalesce(run_after, 0))) where status = 'requested' and is_ready = 1`.execute(db);
  await sql`drop index cells_claimable`.execute(db);
  await sql`drop index cells_waiting`.execute(db);
  await sql`create index cells_waiting on cells (column_key) where status = 'requested' and is_ready = 0`.execute(db);
}
