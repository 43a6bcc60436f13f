import type { Kysely } from 'kysely';
import type { CellCounts } from '../../domain/records.ts';
import { columnNameFromConfig, waitingOnFailedMessage } from '../../domain/dependency-messages.ts';
import { addUsage, NO_USAGE, usageOfCellValue, type RunUsage } from '../../domain/run-summary.ts';
import type { Database } from '../database-schema.ts';
import type { CellKey, CellOutcome, CellRetry, EngineChange } from '../store.ts';
import { applyCellCountDeltas } from './cell-counters.ts';
import { endCellsInBatch, wakeDependents } from './batch-completion.ts';
import { endFinishedRuns } from './run-end-queries.ts';
import { addRunUsage } from './run-queries.ts';

type Deltas = Map<string, Partial<CellCounts>>;

function addDelta(deltas: Deltas, tableId: string, status: keyof CellCounts, amount: number): void {
  const entry = deltas.get(tableId) ?? {};
  entry[status] = (entry[status] ?? 0) + amount;
  deltas.set(tableId, entry);
}

async function applyDeltas(db: Kysely<Database>, deltas: Deltas): Promise<void> {
  for (const [tableId, delta] of deltas) await applyCellCountDeltas(db, tableId, delta);
}

/**
 * End held cells. Each write is fenced by the lease token and the in_progress status, so a
 * worker whose lease was reaped, or whose cell went stale meanwhile, changes nothing. Done
 * cells wake their dependents; failed ones fail them.
 */
export async function completeCells(db: Kysely<Database>, outcomes: CellOutcome[], now: string, maxBindParameters: number): Promise<EngineChange> {
  const change: EngineChange = { changedCells: [], newlyReady: 0, endedRunIds: [], lostLeases: 0 };
  const ended = new Set((await endCellsInBatch(db, outcomes, now, maxBindParameters)).map((cell) => `${cell.row_id}/${cell.column_id}`));
  const deltas: Deltas = new Map();
  const runIds = new Set<string>();
  const usageByRun = new Map<string, RunUsage>();
  const done: CellOutcome[] = [];
  for (const outcome of outcomes) {
    if (!ended.has(`${outcome.rowId}/${outcome.columnId}`)) {
      change.lostLeases += 1;
      continue;
    }
    if (outcome.companyProfileId) {
      await db.updateTable('rows').set({ company_profile_id: outcome.companyProfileId }).where('id', '=', outcome.rowId).execute();
    }
    addDelta(deltas, outcome.tableId, 'in_progress', -1);
    addDelta(deltas, outcome.tableId, outcome.status, 1);
    change.changedCells.push(outcome);
    if (outcome.runId) runIds.add(outcome.runId);
    if (outcome.status === 'done') {
      done.push(outcome);
      const usage = usageOfCellValue(outcome.value);
      if (usage && outcome.runId) usageByRun.set(outcome.runId, addUsage(usageByRun.get(outcome.runId) ?? NO_USAGE, usage));
      continue;
    }
    for (const cell of await failDependents(db, outcome, now)) {
      addDelta(deltas, cell.tableId, 'requested', -1);
      addDelta(deltas, cell.tableId, 'failed', 1);
      change.changedCells.push(cell);
      if (cell.runId) runIds.add(cell.runId);
    }
  }
  if (done.length > 0) change.newlyReady = await wakeDependents(db, done, maxBindParameters);
  await addRunUsage(db, usageByRun);
  change.endedRunIds = await endFinishedRuns(db, runIds, now);
  // Counters last: their rows are the most contended, so they are locked for the shortest time.
  await applyDeltas(db, deltas);
  return change;
}

/**
 * A failed cell fails every queued cell that waits on it in the same row, transitively, with a
 * message naming the column that failed first (its own cell holds the reason).
 */
export async function failDependents(db: Kysely<Database>, failedCell: CellKey, now: string): Promise<(CellKey & { runId: string | null })[]> {
  const failed: (CellKey & { runId: string | null })[] = [];
  const column = await db.selectFrom('columns').select(['key', 'config']).where('id', '=', failedCell.columnId).executeTakeFirst();
  const message = waitingOnFailedMessage(column ? columnNameFromConfig(column.config, column.key) : failedCell.columnId);
  let upstream = [failedCell.columnId];
  while (upstream.length > 0) {
    const dependents = await db
      .selectFrom('cells')
      .select(['row_id', 'column_id', 'table_id', 'run_id'])
      .where('row_id', '=', failedCell.rowId)
      .where('status', '=', 'requested')
      .where('column_id', 'in', db.selectFrom('column_dependencies').select('column_id').where('depends_on_column_id', 'in', upstream))
      .execute();
    if (dependents.length === 0) break;
    await db
      .updateTable('cells')
      .set({ status: 'failed', error: message, is_ready: 0, previous_status: null, run_after: null, updated_at: now })
      .where('row_id', '=', failedCell.rowId)
      .where('status', '=', 'requested')
      .where(
        'column_id',
        'in',
        dependents.map((cell) => cell.column_id),
      )
      .execute();
    failed.push(...dependents.map((cell) => ({ tableId: cell.table_id, rowId: cell.row_id, columnId: cell.column_id, runId: cell.run_id })));
    upstream = dependents.map((cell) => cell.column_id);
  }
  return failed;
}

/** Return held cells to the queue after a transient failure, not before `runAfter`. */
export async function retryCells(db: Kysely<Database>, retries: CellRetry[], now: string): Promise<EngineChange> {
  const change: EngineChange = { changedCells: [], newlyReady: 0, endedRunIds: [], lostLeases: 0 };
  const deltas: Deltas = new Map();
  for (const retry of retries) {
    const result = await db
      .updateTable('cells')
      .set({ status: 'requested', is_ready: 1, run_after: retry.runAfter, error: retry.error, lease_token: null, lease_expires_at: null, updated_at: now })
      .where('row_id', '=', retry.rowId)
      .where('column_id', '=', retry.columnId)
      .where('lease_token', '=', retry.leaseToken)
      .where('status', '=', 'in_progress')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      change.lostLeases += 1;
      continue;
    }
    addDelta(deltas, retry.tableId, 'in_progress', -1);
    addDelta(deltas, retry.tableId, 'requested', 1);
    change.changedCells.push(retry);
  }
  await applyDeltas(db, deltas);
  return change;
}
