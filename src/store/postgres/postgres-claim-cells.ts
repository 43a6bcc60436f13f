import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../database-schema.ts';
import { isContextCell } from '../kysely/cell-context-queries.ts';
import { COUNTER_SHARDS } from '../kysely/cell-counters.ts';
import type { ClaimRow } from '../sqlite/sqlite-claim-cells.ts';

/**
 * The whole claim in one statement, so one round trip: pick, lease, mark the runs started and
 * move the table counters. Why this shape: the SELECT picks ready cells with FOR UPDATE SKIP
 * LOCKED, so concurrent workers each take different cells without waiting on each other's row
 * locks (graphile-worker's get_jobs, pg-boss fetchNextJob). It picks in the order of the
 * `cells_ready_queue` index (migration 0024: fresh cells, then retries as they fall due), and
 * the ORDER BY is what keeps that index the plan whatever the statistics say. The UPDATE then finds the picked rows
 * by ctid, which is always a TID scan: joining the picked keys back to `cells` left the plan to
 * statistics, and with statistics from before a 30,000-cell run was queued PostgreSQL chose a
 * nested loop over every queued cell (2.7 s per claim). The UPDATE's WHERE names nothing but
 * ctid on purpose: a `status = 'requested'` re-check there matched the partial indexes' predicate,
 * and with those stale statistics (1 queued cell estimated) PostgreSQL scanned every queued cell
 * through `cells_waiting`, filtering by ctid (27 ms a claim, growing with the queue; a TID scan
 * takes 2 ms). The re-check is not needed: the picked rows are locked FOR UPDATE by this very
 * statement, after PostgreSQL re-checked them against the pick's WHERE, so no one changes them
 * before the UPDATE (a row changed between the snapshot and the lock is re-checked and skipped,
 * and its new version is not visible to the UPDATE's snapshot anyway). The runs and counters CTEs read `claimed` (what the UPDATE returned), so
 * they move exactly with the cells; a single statement is atomic without BEGIN/COMMIT. Cells are
 * keyed by integers (0022): `claimed_ids` joins the claimed keys to their row and column ids and table.
 */
/**
 * A claimed cell with its row as a context reads it: the row's parent and profile, and its input
 * cells and done answers as `[column id, status, value JSON text]` (on the first claimed cell of
 * each row; null on the others). Read in the claim's own statement, from its snapshot: a cell picked as ready was made ready by the same commit that
 * stored its upstream answers, so the snapshot that saw it ready sees them. A separate read of
 * the rows was a fifth of the engine's statements and an eighth of a worker's CPU.
 */
export interface PostgresClaimRow extends ClaimRow {
  /** bigint: the driver answers it as text. */
  row_key: string;
  parent_row_id: string | null;
  company_profile_id: string | null;
  row_cells: [columnId: string, status: string, value: string | null][] | null;
}

export async function claimCellsPostgres(db: Kysely<Database>, options: ClaimOptions): Promise<PostgresClaimRow[]> {
  return (await claimStatement(options).execute(db)).rows;
}

export interface ClaimOptions {
  limit: number;
  leaseToken: string;
  leaseExpiresAt: number;
  now: string;
  nowMs: number;
}

/** The claim statement itself; its own function so a test can check the plan a connection keeps for it. */
export function claimStatement(options: ClaimOptions): RawBuilder<PostgresClaimRow> {
  const shard = Math.floor(Math.random() * COUNTER_SHARDS);
  return sql<PostgresClaimRow>`
    with claimed as (
      update cells
      set status = 'in_progress', is_ready = 0, attempts = attempts + 1,
          lease_token = ${options.leaseToken}, lease_expires_at = ${options.leaseExpiresAt}, updated_at = ${options.now}
      where ctid = any(array(${pickReadyCells(options.limit, options.nowMs)}))
      returning row_key, column_key, run_id, attempts, bypass_cache
    ), claimed_ids as (
      select claimed_row.id as row_id, claimed_column.id as column_id, claimed_column.table_id, claimed.run_id, claimed.attempts, claimed.bypass_cache,
        claimed.row_key,
        claimed_row.parent_row_id, claimed_row.company_profile_id,
        -- Once per row, on the first of its claimed cells: a run of several columns claims
        -- several cells of a row in one batch, and each would otherwise carry the row again.
        case when row_number() over (partition by claimed.row_key) = 1 then (
          select coalesce(json_agg(json_build_array(readable_column.id, readable.status, readable.value)), '[]'::json)
          from cells readable
          join columns readable_column on readable_column.column_key = readable.column_key
          where readable.row_key = claimed.row_key and ${isContextCell('readable')}
        ) end as row_cells
      from claimed
      join rows claimed_row on claimed_row.key = claimed.row_key
      join columns claimed_column on claimed_column.column_key = claimed.column_key
    ), started_runs as (
      update runs set status = 'in_progress', updated_at = ${options.now}
      where id in (select run_id from claimed where run_id is not null) and status = 'created'
      returning id
    ), counted as (
      insert into table_cell_counts as counts (table_id, shard, cells_created, cells_requested, cells_in_progress, cells_done, cells_failed)
      select table_id, ${shard}, 0, -count(*), count(*), 0, 0 from claimed_ids group by table_id
      on conflict (table_id, shard) do update
      set cells_requested = counts.cells_requested + excluded.cells_requested, cells_in_progress = counts.cells_in_progress + excluded.cells_in_progress
      returning table_id
    )
    select row_id, column_id, table_id, run_id, attempts, bypass_cache, row_key, parent_row_id, company_profile_id, row_cells from claimed_ids`;
}

/**
 * The pick: up to `limit` ready cells due by `nowMs`, locked, in `cells_ready_queue` order. Its
 * own function so a test can check its plan (test/integration/postgres-claim-plan.test.ts).
 */
export function pickReadyCells(limit: number, nowMs: number): RawBuilder<{ ctid: string }> {
  return sql`
        select ctid from cells
        where status = 'requested' and is_ready = 1 and coalesce(run_after, 0) <= ${nowMs}
        order by coalesce(run_after, 0)
        limit ${limit}
        for update skip locked`;
}
