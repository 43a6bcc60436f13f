import { sql, type Kysely } from 'kysely';
import { columnNameFromConfig, waitingOnFailedMessage, waitingOnUncomputedMessage } from '../../domain/dependency-messages.ts';
import type { Database } from '../database-schema.ts';
import type { EngineChange } from '../store.ts';
import { applyCellCountDeltas } from './cell-counters.ts';
import { READINESS } from './readiness.ts';
import { endFinishedRuns } from './run-end-queries.ts';

/**
 * Waiting cells are woken when an upstream cell ends, but races (an input edited mid-run, a
 * column replaced, a run cancelled under a dependent) can leave one waiting on an upstream
 * cell that nobody will compute. This sweep fails those with a message naming the dependency,
 * and marks ready any whose dependencies are in fact all done.
 */
export async function sweepWaitingCells(db: Kysely<Database>, options: { now: string; limit: number; tableId?: string }): Promise<EngineChange> {
  const change: EngineChange = { changedCells: [], newlyReady: 0, endedRunIds: [], lostLeases: 0 };
  let stuckQuery = db
    .selectFrom('cells')
    .innerJoin('column_dependencies as dependency', 'dependency.column_id', 'cells.column_id')
    .innerJoin('cells as upstream', (join) =>
      join.onRef('upstream.row_id', '=', 'cells.row_id').onRef('upstream.column_id', '=', 'dependency.depends_on_column_id'),
    )
    .innerJoin('columns as upstream_column', 'upstream_column.id', 'upstream.column_id')
    .select([
      'cells.row_id',
      'cells.column_id',
      'cells.table_id',
      'cells.run_id',
      'upstream.status as upstream_status',
      'upstream_column.key as upstream_key',
      'upstream_column.config as upstream_config',
    ])
    .where('cells.status', '=', 'requested')
    .where('cells.is_ready', '=', 0)
    .where('upstream.is_input', '=', 0)
    .where('upstream.status', 'in', ['created', 'failed'])
    .limit(options.limit);
  if (options.tableId) stuckQuery = stuckQuery.where('cells.table_id', '=', options.tableId);
  const stuck = await stuckQuery.execute();
  const runIds = new Set<string>();
  const perTable = new Map<string, number>();
  for (const cell of stuck) {
    const upstreamName = columnNameFromConfig(cell.upstream_config, cell.upstream_key);
    const message = cell.upstream_status === 'failed' ? waitingOnFailedMessage(upstreamName) : waitingOnUncomputedMessage(upstreamName);
    const result = await db
      .updateTable('cells')
      .set({ status: 'failed', error: message, is_ready: 0, previous_status: null, updated_at: options.now })
      .where('row_id', '=', cell.row_id)
      .where('column_id', '=', cell.column_id)
      .where('status', '=', 'requested')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) continue;
    perTable.set(cell.table_id, (perTable.get(cell.table_id) ?? 0) + 1);
    change.changedCells.push({ tableId: cell.table_id, rowId: cell.row_id, columnId: cell.column_id });
    if (cell.run_id) runIds.add(cell.run_id);
  }
  for (const [tableId, count] of perTable) await applyCellCountDeltas(db, tableId, { requested: -count, failed: count });
  let readyQuery = db
    .updateTable('cells')
    .set({ is_ready: 1 })
    .where('status', '=', 'requested')
    .where('is_ready', '=', 0)
    .where(sql<boolean>`${READINESS} = 1`);
  if (options.tableId) readyQuery = readyQuery.where('table_id', '=', options.tableId);
  const readied = await readyQuery.executeTakeFirst();
  change.newlyReady = Number(readied.numUpdatedRows);
  change.endedRunIds = await endFinishedRuns(db, runIds, options.now);
  return change;
}
