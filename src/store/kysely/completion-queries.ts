import type { Kysely } from 'kysely';
import { columnNameFromConfig, waitingOnFailedMessage } from '../../domain/dependency-messages.ts';
import { addUsage, NO_USAGE, usageOfCellValue, type RunUsage } from '../../domain/run-summary.ts';
import type { Database } from '../database-schema.ts';
import type { CellKey, CellOutcome, CellRetry, EngineChange } from '../queue-store.ts';
import { endCellsInBatch, wakeDependents } from './batch-completion.ts';
import { columnKeyOf, rowKeyOf, withCellIds } from './cell-keys.ts';
import { EngineChangeRecorder } from './engine-change-recorder.ts';
import { addRunUsage } from './run-queries.ts';

/**
 * End held cells. Each write is fenced by the lease token and the in_progress status, so a
 * worker whose lease was reaped, or whose cell went stale meanwhile, changes nothing. Done
 * cells wake their dependents; failed ones fail them, transitively, in the same transaction.
 */
export async function completeCells(db: Kysely<Database>, outcomes: CellOutcome[], now: string, maxBindParameters: number): Promise<EngineChange> {
  const recorder = new EngineChangeRecorder();
  const ended = new Set((await endCellsInBatch(db, outcomes, now, maxBindParameters)).map((cell) => `${cell.row_id}/${cell.column_id}`));
  const usageByRun = new Map<string, RunUsage>();
  const done: CellOutcome[] = [];
  for (const outcome of outcomes) {
    if (!ended.has(`${outcome.rowId}/${outcome.columnId}`)) {
      recorder.change.lostLeases += 1;
      continue;
    }
    if (outcome.companyProfileId) {
      await db.updateTable('rows').set({ company_profile_id: outcome.companyProfileId }).where('id', '=', outcome.rowId).execute();
    }
    const cell = { tableId: outcome.tableId, rowId: outcome.rowId, columnId: outcome.columnId, runId: outcome.runId };
    recorder.ended(cell, 'in_progress', outcome.status, outcome.error);
    // A failed cell that spent before failing records its usage too (see PermanentCellError.spent).
    const usage = usageOfCellValue(outcome.value);
    if (usage && outcome.runId) usageByRun.set(outcome.runId, addUsage(usageByRun.get(outcome.runId) ?? NO_USAGE, usage));
    if (outcome.status === 'done') done.push(outcome);
    else await failDependents(db, recorder, cell, now);
  }
  if (done.length > 0) recorder.change.newlyReady = await wakeDependents(db, done, maxBindParameters);
  await addRunUsage(db, usageByRun);
  return recorder.finish(db, now);
}

/**
 * A failed (or never computed) cell fails every queued cell that waits on it in the same row,
 * transitively, with a message naming the column that failed first by its name (its own cell
 * holds the reason). Nothing waiting on it could ever start, so leaving those cells queued would
 * keep their run open for nothing.
 */
export async function failDependents(db: Kysely<Database>, recorder: EngineChangeRecorder, failedCell: CellKey, now: string): Promise<void> {
  const column = await db.selectFrom('columns').select(['key', 'config']).where('id', '=', failedCell.columnId).executeTakeFirst();
  const message = waitingOnFailedMessage(column ? columnNameFromConfig(column.config, column.key) : failedCell.columnId);
  await failDependentsWithMessage(db, recorder, failedCell, message, now);
}

/** As `failDependents`, with the message every dependent gets. */
export async function failDependentsWithMessage(
  db: Kysely<Database>,
  recorder: EngineChangeRecorder,
  upstream: CellKey,
  message: string,
  now: string,
): Promise<void> {
  let upstreamColumnIds = [upstream.columnId];
  const row = await rowKeyOf(db, upstream.rowId).executeTakeFirst();
  if (row === undefined) return;
  const rowKey = Number(row.key);
  while (upstreamColumnIds.length > 0) {
    const dependentColumns = db
      .selectFrom('columns')
      .innerJoin('column_dependencies', 'column_dependencies.column_id', 'columns.id')
      .select('columns.column_key')
      .where('column_dependencies.depends_on_column_id', 'in', upstreamColumnIds);
    const dependents = await withCellIds(
      db,
      await db
        .selectFrom('cells')
        .select(['row_key', 'column_key', 'run_id'])
        .where('row_key', '=', rowKey)
        .where('status', '=', 'requested')
        .where('column_key', 'in', dependentColumns)
        .execute(),
    );
    if (dependents.length === 0) break;
    await db
      .updateTable('cells')
      .set({ status: 'failed', error: message, is_ready: 0, previous_status: null, run_after: null, updated_at: now })
      .where('row_key', '=', rowKey)
      .where('status', '=', 'requested')
      .where(
        'column_key',
        'in',
        dependents.map((cell) => cell.column_key),
      )
      .execute();
    for (const cell of dependents) {
      recorder.ended({ tableId: cell.table_id, rowId: cell.row_id, columnId: cell.column_id, runId: cell.run_id }, 'requested', 'failed', message);
    }
    upstreamColumnIds = dependents.map((cell) => cell.column_id);
  }
}

/** Return held cells to the queue after a transient failure, not before `runAfter`. */
export async function retryCells(db: Kysely<Database>, retries: CellRetry[], now: string): Promise<EngineChange> {
  const recorder = new EngineChangeRecorder();
  for (const retry of retries) {
    const result = await db
      .updateTable('cells')
      .set({ status: 'requested', is_ready: 1, run_after: retry.runAfter, error: retry.error, lease_token: null, lease_expires_at: null, updated_at: now })
      .where('row_key', '=', rowKeyOf(db, retry.rowId))
      .where('column_key', '=', columnKeyOf(db, retry.columnId))
      .where('lease_token', '=', retry.leaseToken)
      .where('status', '=', 'in_progress')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      recorder.change.lostLeases += 1;
      continue;
    }
    recorder.moved({ tableId: retry.tableId, rowId: retry.rowId, columnId: retry.columnId, runId: retry.runId }, 'in_progress', 'requested');
  }
  return recorder.finish(db, now);
}
