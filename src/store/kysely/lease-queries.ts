import type { Kysely } from 'kysely';
import type { CellCounts } from '../../domain/records.ts';
import type { Database } from '../database-schema.ts';
import type { EngineChange } from '../store.ts';
import { applyCellCountDeltas } from './cell-counters.ts';
import { failDependents } from './completion-queries.ts';
import { endFinishedRuns } from './run-end-queries.ts';

/** Renewal is fenced like completion: 0 rows means the lease was lost (reaped or stale). */
export async function renewLease(db: Kysely<Database>, leaseToken: string, leaseExpiresAt: number): Promise<number> {
  const result = await db
    .updateTable('cells')
    .set({ lease_expires_at: leaseExpiresAt })
    .where('lease_token', '=', leaseToken)
    .where('status', '=', 'in_progress')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Graceful shutdown: give held cells back untouched; the claim does not count as an attempt. */
export async function releaseLease(db: Kysely<Database>, leaseToken: string, now: string): Promise<number> {
  const held = await db.selectFrom('cells').select(['table_id']).where('lease_token', '=', leaseToken).where('status', '=', 'in_progress').execute();
  if (held.length === 0) return 0;
  await db
    .updateTable('cells')
    .set((expression) => ({
      status: 'requested',
      is_ready: 1,
      attempts: expression('attempts', '-', 1),
      lease_token: null,
      lease_expires_at: null,
      updated_at: now,
    }))
    .where('lease_token', '=', leaseToken)
    .where('status', '=', 'in_progress')
    .execute();
  const perTable = new Map<string, number>();
  for (const cell of held) perTable.set(cell.table_id, (perTable.get(cell.table_id) ?? 0) + 1);
  for (const [tableId, count] of perTable) await applyCellCountDeltas(db, tableId, { in_progress: -count, requested: count });
  return held.length;
}

/**
 * A worker that died leaves cells whose lease expires. They go back to the queue, or fail once
 * their claims reached `maxAttempts`, so no cell stays in_progress forever.
 */
export async function reapExpiredLeases(
  db: Kysely<Database>,
  options: { nowMs: number; now: string; maxAttempts: number; limit: number },
): Promise<EngineChange> {
  const change: EngineChange = { changedCells: [], newlyReady: 0, endedRunIds: [], lostLeases: 0 };
  const expired = await db
    .selectFrom('cells')
    .select(['row_id', 'column_id', 'table_id', 'run_id', 'attempts'])
    .where('status', '=', 'in_progress')
    .where('lease_expires_at', '<', options.nowMs)
    .limit(options.limit)
    .execute();
  const deltas = new Map<string, Partial<CellCounts>>();
  const add = (tableId: string, status: keyof CellCounts, amount: number) => {
    const entry = deltas.get(tableId) ?? {};
    entry[status] = (entry[status] ?? 0) + amount;
    deltas.set(tableId, entry);
  };
  const runIds = new Set<string>();
  for (const cell of expired) {
    const isSpent = cell.attempts >= options.maxAttempts;
    const message = `the worker computing this cell stopped before it ended (gave up after ${cell.attempts} attempts)`;
    const result = await db
      .updateTable('cells')
      .set(
        isSpent
          ? { status: 'failed', error: message, lease_token: null, lease_expires_at: null, updated_at: options.now }
          : { status: 'requested', is_ready: 1, lease_token: null, lease_expires_at: null, updated_at: options.now },
      )
      .where('row_id', '=', cell.row_id)
      .where('column_id', '=', cell.column_id)
      .where('status', '=', 'in_progress')
      .where('lease_expires_at', '<', options.nowMs)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) continue;
    const key = { tableId: cell.table_id, rowId: cell.row_id, columnId: cell.column_id };
    change.changedCells.push(key);
    add(cell.table_id, 'in_progress', -1);
    if (isSpent) {
      add(cell.table_id, 'failed', 1);
      if (cell.run_id) runIds.add(cell.run_id);
      for (const dependent of await failDependents(db, key, options.now)) {
        add(dependent.tableId, 'requested', -1);
        add(dependent.tableId, 'failed', 1);
        change.changedCells.push(dependent);
        if (dependent.runId) runIds.add(dependent.runId);
      }
    } else {
      add(cell.table_id, 'requested', 1);
      change.newlyReady += 1;
    }
  }
  for (const [tableId, delta] of deltas) await applyCellCountDeltas(db, tableId, delta);
  change.endedRunIds = await endFinishedRuns(db, runIds, options.now);
  return change;
}
