import { sql, type Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import type { ClaimRow } from '../sqlite/sqlite-claim-cells.ts';

/**
 * Why this shape: the CTE picks ready cells with FOR UPDATE SKIP LOCKED, so concurrent workers
 * each take different cells without waiting on each other's row locks (graphile-worker's
 * getJobs, pg-boss fetchNextJob); the UPDATE then moves exactly the picked cells, re-checking
 * the status in case a cell changed between the snapshot and the lock.
 */
export async function claimCellsPostgres(
  db: Kysely<Database>,
  options: { limit: number; leaseToken: string; leaseExpiresAt: number; now: string; nowMs: number },
): Promise<ClaimRow[]> {
  const result = await sql<ClaimRow>`
    with picked as (
      select row_id, column_id from cells
      where status = 'requested' and is_ready = 1 and (run_after is null or run_after <= ${options.nowMs})
      limit ${options.limit}
      for update skip locked
    )
    update cells
    set status = 'in_progress', is_ready = 0, attempts = cells.attempts + 1,
        lease_token = ${options.leaseToken}, lease_expires_at = ${options.leaseExpiresAt}, updated_at = ${options.now}
    from picked
    where cells.row_id = picked.row_id and cells.column_id = picked.column_id and cells.status = 'requested'
    returning cells.row_id, cells.column_id, cells.table_id, cells.run_id, cells.attempts, cells.bypass_cache`.execute(db);
  return result.rows;
}
