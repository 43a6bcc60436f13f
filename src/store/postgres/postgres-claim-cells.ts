import { sql, type Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import type { ClaimRow } from '../sqlite/sqlite-claim-cells.ts';

/**
 * Why this shape: the inner SELECT picks ready cells with FOR UPDATE SKIP LOCKED, so concurrent
 * workers each take different cells without waiting on each other's row locks (graphile-worker's
 * getJobs, pg-boss fetchNextJob). The UPDATE then finds the picked rows by ctid, which is always
 * a TID scan: joining the picked keys back to `cells` left the plan to statistics, and with
 * statistics from before a 30,000-cell run was queued PostgreSQL chose a nested loop over every
 * queued cell (2.7 s per claim). The status re-check guards a row changed since the snapshot.
 */
export async function claimCellsPostgres(
  db: Kysely<Database>,
  options: { limit: number; leaseToken: string; leaseExpiresAt: number; now: string; nowMs: number },
): Promise<ClaimRow[]> {
  const result = await sql<ClaimRow>`
    update cells
    set status = 'in_progress', is_ready = 0, attempts = attempts + 1,
        lease_token = ${options.leaseToken}, lease_expires_at = ${options.leaseExpiresAt}, updated_at = ${options.now}
    where ctid = any(array(
      select ctid from cells
      where status = 'requested' and is_ready = 1 and (run_after is null or run_after <= ${options.nowMs})
      limit ${options.limit}
      for update skip locked
    )) and status = 'requested'
    returning row_id, column_id, table_id, run_id, attempts, bypass_cache`.execute(db);
  return result.rows;
}
