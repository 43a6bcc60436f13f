import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import { claimCellsPostgres, type PostgresClaimRow } from '../postgres/postgres-claim-cells.ts';
import { claimCellsSqlite, type ClaimRow } from '../sqlite/sqlite-claim-cells.ts';
import type { ClaimedCell, StoreCapabilities } from '../store.ts';
import type { RowWithCellValues } from '../table-store.ts';
import { toContextCell } from './cell-context-queries.ts';
import { applyCellCountDeltas } from './cell-counters.ts';

/**
 * Claim ready cells, move the table counters and mark their runs in progress, atomically: in one
 * statement where the database allows writes inside WITH, else in the caller's transaction.
 */
export async function claimCells(
  db: Kysely<Database>,
  capabilities: StoreCapabilities,
  options: { limit: number; leaseToken: string; leaseExpiresAt: number; now: string },
): Promise<ClaimedCell[]> {
  if (capabilities.supportsWritableCommonTableExpressions) {
    return toClaimedCellsWithRows(await claimCellsPostgres(db, { ...options, nowMs: Date.parse(options.now) }), options.leaseToken);
  }
  const rows = await claimCellsSqlite(db, { ...options, nowMs: Date.parse(options.now) });
  if (rows.length === 0) return [];
  const perTable = new Map<string, number>();
  const runIds = new Set<string>();
  for (const row of rows) {
    perTable.set(row.table_id, (perTable.get(row.table_id) ?? 0) + 1);
    if (row.run_id) runIds.add(row.run_id);
  }
  if (runIds.size > 0) {
    await db
      .updateTable('runs')
      .set({ status: 'in_progress', updated_at: options.now })
      .where('id', 'in', [...runIds])
      .where('status', '=', 'created')
      .execute();
  }
  // Counters last: their rows are the most contended, so they are locked for the shortest time.
  for (const [tableId, count] of perTable) await applyCellCountDeltas(db, tableId, { requested: -count, in_progress: count });
  return rows.map((row) => toClaimedCell(row, options.leaseToken));
}

/**
 * PostgreSQL's claimed cells with their rows (each row's cells come once, with the first of its
 * claimed cells; every cell of the row shares them). Apart from the async claim so V8 optimizes
 * this loop on its own rather than as part of the claim's state machine.
 */
function toClaimedCellsWithRows(claimed: PostgresClaimRow[], leaseToken: string): ClaimedCell[] {
  const rows = new Map<string, RowWithCellValues>();
  for (const row of claimed) {
    if (!row.row_cells) continue;
    rows.set(row.row_id, {
      id: row.row_id,
      parentRowId: row.parent_row_id,
      companyProfileId: row.company_profile_id,
      cells: row.row_cells.map(([columnId, status, value]) => toContextCell(columnId, status, value)),
    });
  }
  return claimed.map((row) => {
    const cell = toClaimedCell(row, leaseToken);
    cell.storedRowKey = Number(row.row_key);
    cell.row = rows.get(row.row_id);
    return cell;
  });
}

function toClaimedCell(row: ClaimRow, leaseToken: string): ClaimedCell {
  return {
    rowId: row.row_id,
    columnId: row.column_id,
    tableId: row.table_id,
    runId: row.run_id,
    attempts: Number(row.attempts),
    leaseToken,
    bypassCache: Boolean(row.bypass_cache),
  };
}
