import { sql, type Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import { columnIdOfCell, rowIdOfCell, tableIdOfCell } from '../kysely/cell-keys.ts';

export interface ClaimRow {
  row_id: string;
  column_id: string;
  table_id: string;
  run_id: string | null;
  attempts: number;
  bypass_cache: number;
}

/**
 * SQLite has no SKIP LOCKED; there is one writer, and the claim runs inside the caller's
 * transaction on the single connection, so selecting and updating in one statement cannot race.
 * The `status = 'requested'` re-check in the outer WHERE is what would make a lost race claim
 * nothing (pg-boss's no-skip-locked path). Cells are keyed by integers (0022); RETURNING maps them
 * back to the ids the engine works with (a primary-key probe each), in the same statement.
 */
export async function claimCellsSqlite(
  db: Kysely<Database>,
  options: { limit: number; leaseToken: string; leaseExpiresAt: number; now: string; nowMs: number },
): Promise<ClaimRow[]> {
  const result = await sql<ClaimRow>`
    update cells
    set status = 'in_progress', is_ready = 0, attempts = attempts + 1,
        lease_token = ${options.leaseToken}, lease_expires_at = ${options.leaseExpiresAt}, updated_at = ${options.now}
    where (row_key, column_key) in (
      select row_key, column_key from cells
      where status = 'requested' and is_ready = 1 and (run_after is null or run_after <= ${options.nowMs})
      limit ${options.limit}
    ) and status = 'requested'
    returning ${rowIdOfCell('cells')} as row_id, ${columnIdOfCell('cells')} as column_id, ${tableIdOfCell('cells')} as table_id,
      run_id, attempts, bypass_cache`.execute(db);
  return result.rows;
}
