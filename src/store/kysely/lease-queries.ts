import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import type { EngineChange } from '../queue-store.ts';
import { applyCellCountDeltas } from './cell-counters.ts';
import { withCellIds } from './cell-keys.ts';
import { failDependents } from './completion-queries.ts';
import { EngineChangeRecorder } from './engine-change-recorder.ts';

/**
 * Renew every lease a worker holds in one statement (one per worker per tick, not one per
 * lease). Fenced like completion: a token absent from the answer renewed nothing, so that
 * lease was lost (reaped or stale).
 */
export async function renewLeases(
  db: Kysely<Database>,
  leaseTokens: string[],
  leaseExpiresAt: number,
  maxBindParameters: number,
): Promise<Map<string, number>> {
  const renewed = new Map<string, number>();
  const size = Math.max(1, maxBindParameters - 10);
  for (let index = 0; index < leaseTokens.length; index += size) {
    const rows = await db
      .updateTable('cells')
      .set({ lease_expires_at: leaseExpiresAt })
      .where('lease_token', 'in', leaseTokens.slice(index, index + size))
      .where('status', '=', 'in_progress')
      .returning('lease_token')
      .execute();
    for (const row of rows) renewed.set(row.lease_token!, (renewed.get(row.lease_token!) ?? 0) + 1);
  }
  return renewed;
}

/** Graceful shutdown: give held cells back untouched; the claim does not count as an attempt. */
export async function releaseLease(db: Kysely<Database>, leaseToken: string, now: string): Promise<number> {
  const held = await db
    .selectFrom('cells')
    .innerJoin('columns', 'columns.column_key', 'cells.column_key')
    .select(['columns.table_id'])
    .where('cells.lease_token', '=', leaseToken)
    .where('cells.status', '=', 'in_progress')
    .execute();
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
export function reapExpiredLeases(db: Kysely<Database>, options: { nowMs: number; now: string; maxAttempts: number; limit: number }): Promise<EngineChange> {
  return returnHeldCells(db, { expiredBefore: options.nowMs, now: options.now, maxAttempts: options.maxAttempts, limit: options.limit });
}

/** Every held cell, whatever its lease: only for a process that knows no other one holds leases. */
export function requeueHeldCells(db: Kysely<Database>, options: { now: string; maxAttempts: number; limit: number }): Promise<EngineChange> {
  return returnHeldCells(db, { expiredBefore: null, ...options });
}

async function returnHeldCells(
  db: Kysely<Database>,
  options: { expiredBefore: number | null; now: string; maxAttempts: number; limit: number },
): Promise<EngineChange> {
  const recorder = new EngineChangeRecorder();
  let heldQuery = db
    .selectFrom('cells')
    .select(['row_key', 'column_key', 'run_id', 'attempts', 'lease_token'])
    .where('status', '=', 'in_progress')
    .limit(options.limit);
  if (options.expiredBefore !== null) heldQuery = heldQuery.where('lease_expires_at', '<', options.expiredBefore);
  const held = await withCellIds(db, await heldQuery.execute());
  for (const cell of held) {
    // The claim that took the lease already counted this attempt.
    const isSpent = cell.attempts >= options.maxAttempts;
    const message = `the worker computing this cell stopped before it ended (gave up after ${cell.attempts} attempts)`;
    // Fenced by the lease read above: a cell claimed again since (by a worker that got it from
    // another reaper) holds a new token, and one renewed since has a later expiry; both are left alone.
    let update = db
      .updateTable('cells')
      .set(
        isSpent
          ? { status: 'failed', error: message, lease_token: null, lease_expires_at: null, updated_at: options.now }
          : { status: 'requested', is_ready: 1, lease_token: null, lease_expires_at: null, updated_at: options.now },
      )
      .where('row_key', '=', cell.row_key)
      .where('column_key', '=', cell.column_key)
      .where('status', '=', 'in_progress')
      .where('lease_token', cell.lease_token === null ? 'is' : '=', cell.lease_token);
    if (options.expiredBefore !== null) update = update.where('lease_expires_at', '<', options.expiredBefore);
    const result = await update.executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) continue;
    const key = { tableId: cell.table_id, rowId: cell.row_id, columnId: cell.column_id, runId: cell.run_id };
    if (isSpent) {
      recorder.ended(key, 'in_progress', 'failed', message);
      await failDependents(db, recorder, key, options.now);
    } else {
      recorder.moved(key, 'in_progress', 'requested');
      recorder.change.newlyReady += 1;
    }
  }
  return recorder.finish(db, options.now);
}
