import { sql, type Kysely } from 'kysely';
import { columnNameFromConfig, waitingOnFailedMessage, waitingOnUncomputedMessage } from '../../domain/dependency-messages.ts';
import type { Database } from '../database-schema.ts';
import type { EngineChange } from '../queue-store.ts';
import { failDependentsWithMessage } from './completion-queries.ts';
import { EngineChangeRecorder } from './engine-change-recorder.ts';
import { READINESS } from './readiness.ts';
import { ABSENT_STATUS, isComputedColumn } from './absent-cells.ts';
import { columnKeysOfTable } from './cell-keys.ts';

type SweepOptions = { now: string; limit: number; tableId?: string };

/**
 * Waiting cells are woken when an upstream cell ends, but some can wait on an upstream cell
 * that nobody will compute: one that failed before this run queued its dependents (mode "new"
 * leaves failed cells alone), an input edited mid-run, a column replaced, a run cancelled under
 * a dependent. This sweep fails those, with everything waiting on them in their row, with a
 * message naming the dependency, and marks ready any whose dependencies are in fact all done.
 * It loops until no such cell is left, so a chain of any depth ends in one sweep.
 */
export async function sweepWaitingCells(db: Kysely<Database>, options: SweepOptions): Promise<EngineChange> {
  const recorder = new EngineChangeRecorder();
  for (;;) {
    const stuck = await findStuckCells(db, options);
    let failed = 0;
    for (const cell of stuck) {
      const upstreamName = columnNameFromConfig(cell.upstream_config, cell.upstream_key);
      const message = cell.upstream_status === 'failed' ? waitingOnFailedMessage(upstreamName) : waitingOnUncomputedMessage(upstreamName);
      const result = await db
        .updateTable('cells')
        .set({ status: 'failed', error: message, is_ready: 0, previous_status: null, updated_at: options.now })
        .where('row_key', '=', cell.row_key)
        .where('column_key', '=', cell.column_key)
        .where('status', '=', 'requested')
        .executeTakeFirst();
      // Already failed earlier in this pass, as a dependent of another stuck cell.
      if (Number(result.numUpdatedRows) === 0) continue;
      failed += 1;
      const key = { tableId: cell.table_id, rowId: cell.row_id, columnId: cell.column_id, runId: cell.run_id };
      recorder.ended(key, 'requested', 'failed', message);
      await failDependentsWithMessage(db, recorder, key, message, options.now);
    }
    // A short page means every stuck cell was seen; a page that changed nothing would only repeat.
    if (stuck.length < options.limit || failed === 0) break;
  }
  let readyQuery = db
    .updateTable('cells')
    .set({ is_ready: 1 })
    .where('status', '=', 'requested')
    .where('is_ready', '=', 0)
    .where(sql<boolean>`${READINESS} = 1`);
  if (options.tableId) readyQuery = readyQuery.where('column_key', 'in', columnKeysOfTable(db, options.tableId));
  const readied = await readyQuery.executeTakeFirst();
  recorder.change.newlyReady = Number(readied.numUpdatedRows);
  // A run whose last cells two workers ended at the same moment is ended by whichever checks
  // last; should that process die between ending the cells and checking, the run is ended here.
  let activeRuns = db.selectFrom('runs').select('id').where('status', 'in', ['created', 'in_progress']);
  if (options.tableId) activeRuns = activeRuns.where('table_id', '=', options.tableId);
  recorder.checkRuns((await activeRuns.execute()).map((run) => run.id));
  return recorder.finish(db, options.now);
}

/**
 * Queued cells waiting on a computed cell in their row that failed or is not queued (`created`,
 * stored or absent: an absent upstream cell reads as `created`).
 */
function findStuckCells(db: Kysely<Database>, options: SweepOptions) {
  let query = db
    .selectFrom('cells')
    .innerJoin('rows as own_row', 'own_row.key', 'cells.row_key')
    .innerJoin('columns as own_column', 'own_column.column_key', 'cells.column_key')
    .innerJoin('column_dependencies as dependency', 'dependency.column_id', 'own_column.id')
    .innerJoin('columns as upstream_column', 'upstream_column.id', 'dependency.depends_on_column_id')
    .leftJoin('cells as upstream', (join) =>
      join.onRef('upstream.row_key', '=', 'cells.row_key').onRef('upstream.column_key', '=', 'upstream_column.column_key'),
    )
    .select([
      'cells.row_key',
      'cells.column_key',
      'own_row.id as row_id',
      'own_column.id as column_id',
      'own_column.table_id',
      'cells.run_id',
      sql<string>`coalesce(upstream.status, ${ABSENT_STATUS})`.as('upstream_status'),
      'upstream_column.key as upstream_key',
      'upstream_column.config as upstream_config',
    ])
    .where('cells.status', '=', 'requested')
    .where('cells.is_ready', '=', 0)
    .where(isComputedColumn('upstream_column'))
    .where((expression) => expression.or([expression('upstream.status', 'is', null), expression('upstream.status', 'in', ['created', 'failed'])]))
    .limit(options.limit);
  // The waiting-cells index leads with the column key (0022): a table is its columns.
  if (options.tableId) query = query.where('cells.column_key', 'in', columnKeysOfTable(db, options.tableId));
  return query.execute();
}
