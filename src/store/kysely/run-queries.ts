import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { CellCounts, CellStatus } from '../../domain/records.ts';
import type { Run, RunMode, RunStatus, RunStatusReason } from '../../domain/run-modes.ts';
import type { RunCellCounts, RunUsage } from '../../domain/run-summary.ts';
import type { Database, RunRow } from '../database-schema.ts';
import type { CellRequest, CellSelection } from '../store.ts';
import { applyCellCountDeltas } from './cell-counters.ts';
import { columnKeysOf, readColumnKeys, rowKeysOf, rowKeysOfTable, tableKeyOf } from './cell-keys.ts';
import { chunk } from './mappers.ts';
import { READINESS, readinessOfQueuedCell } from './readiness.ts';
import { ABSENT_STATUS, isInputColumn } from './absent-cells.ts';

/** What `updateRun` changes. */
export interface RunPatch {
  status: RunStatus;
  numRequestedCells?: number;
  now: string;
  isEnded: boolean;
  endCounts?: Pick<RunCellCounts, 'done' | 'failed'>;
  statusReason?: RunStatusReason;
}

export function toRun(row: Selectable<RunRow>): Run {
  return {
    id: row.id,
    tableId: row.table_id,
    mode: row.mode as RunMode,
    status: row.status as RunStatus,
    rowIds: row.rows === null ? null : (JSON.parse(row.rows) as string[]),
    columnIds: row.columns === null ? null : (JSON.parse(row.columns) as string[]),
    numRequestedCells: Number(row.num_requested_cells),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    endedAt: row.ended_at,
    endCounts: row.num_cells_done === null || row.num_cells_failed === null ? null : { done: Number(row.num_cells_done), failed: Number(row.num_cells_failed) },
    usage: {
      modelCalls: Number(row.model_calls),
      inputTokens: Number(row.input_tokens),
      outputTokens: Number(row.output_tokens),
      cost: Number(row.cost),
      unpricedCells: Number(row.unpriced_cells),
    },
    caps: { maxCost: row.max_cost === null ? null : Number(row.max_cost), maxCells: row.max_cells === null ? null : Number(row.max_cells) },
    statusReason: row.status_reason as RunStatusReason | null,
  };
}

export async function insertRun(db: Kysely<Database>, run: Run): Promise<void> {
  await db
    .insertInto('runs')
    .values({
      id: run.id,
      table_id: run.tableId,
      mode: run.mode,
      status: run.status,
      rows: run.rowIds === null ? null : JSON.stringify(run.rowIds),
      columns: run.columnIds === null ? null : JSON.stringify(run.columnIds),
      num_requested_cells: run.numRequestedCells,
      created_at: run.createdAt,
      updated_at: run.updatedAt,
      ended_at: run.endedAt,
      num_cells_done: run.endCounts?.done ?? null,
      num_cells_failed: run.endCounts?.failed ?? null,
      max_cost: run.caps.maxCost,
      max_cells: run.caps.maxCells,
      status_reason: run.statusReason,
    })
    .execute();
}

export async function findRun(db: Kysely<Database>, tableId: string, runId: string): Promise<Run | undefined> {
  const row = await db.selectFrom('runs').selectAll().where('id', '=', runId).where('table_id', '=', tableId).executeTakeFirst();
  return row && toRun(row);
}

export async function listRuns(db: Kysely<Database>, tableId: string, page: { offset: number; limit: number }): Promise<Run[]> {
  const rows = await db
    .selectFrom('runs')
    .selectAll()
    .where('table_id', '=', tableId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(toRun);
}

export async function updateRun(db: Kysely<Database>, runId: string, patch: RunPatch): Promise<void> {
  await db
    .updateTable('runs')
    .set({
      status: patch.status,
      updated_at: patch.now,
      ...(patch.numRequestedCells === undefined ? {} : { num_requested_cells: patch.numRequestedCells }),
      ...(patch.isEnded ? { ended_at: patch.now } : {}),
      ...(patch.endCounts ? { num_cells_done: patch.endCounts.done, num_cells_failed: patch.endCounts.failed } : {}),
      ...(patch.statusReason ? { status_reason: patch.statusReason } : {}),
    })
    .where('id', '=', runId)
    .execute();
}

/** The cells a request selects among `rowIds` (null: every row of the table). */
function cellsRequestedBy(db: Kysely<Database>, request: CellSelection, rowIds: string[] | null) {
  return (expression: ExpressionBuilder<Database, 'cells'>) => {
    const conditions = [
      expression('row_key', 'in', rowIds ? rowKeysOf(db, rowIds) : rowKeysOfTable(db, request.tableId)),
      expression('column_key', 'in', columnKeysOf(db, request.columnIds, request.tableId)),
    ];
    const statusOptions = request.statuses.length > 0 ? [expression('status', 'in', request.statuses)] : [];
    if (request.staleReasons && request.staleReasons.length > 0) {
      statusOptions.push(expression.and([expression('status', 'in', ['done', 'failed']), expression('stale', 'in', request.staleReasons)]));
    }
    if (request.stuckBefore) {
      statusOptions.push(expression.and([expression('status', 'in', ['requested', 'in_progress']), expression('updated_at', '<', request.stuckBefore)]));
    }
    return expression.and([...conditions, expression.or(statusOptions)]);
  };
}

/**
 * How many cells `requestCells` would queue, per column, without queuing them: the same
 * selection, counted (a dry run's counts equal what the real run then queues).
 */
export async function countRequestableCells(db: Kysely<Database>, request: CellSelection): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const columns = await readColumnKeys(db, [request.tableId]);
  const rowChunks = request.rowIds === null ? [null] : chunk(request.rowIds, 1, 20_000);
  for (const rowIds of rowChunks) {
    const rows = await db
      .selectFrom('cells')
      .select(['column_key', (expression) => expression.fn.countAll<number>().as('count')])
      .where(cellsRequestedBy(db, request, rowIds))
      .groupBy('column_key')
      .execute();
    for (const row of rows) {
      const columnId = columns.byKey.get(Number(row.column_key))!.id;
      counts.set(columnId, (counts.get(columnId) ?? 0) + Number(row.count));
    }
    if (request.statuses.includes(ABSENT_STATUS)) {
      const absent = await absentCellsSelectedBy(db, request, rowIds)
        .select(['c.id as column_id', (expression) => expression.fn.countAll<number>().as('count')])
        .groupBy('c.id')
        .execute();
      for (const row of absent) counts.set(row.column_id, (counts.get(row.column_id) ?? 0) + Number(row.count));
    }
  }
  return counts;
}

/**
 * The (row, column) pairs a request selects that have no stored cell: absent cells read as
 * `created`, so a request for `created` cells takes these too (as rows of `rows as r` joined to
 * `columns as c`).
 */
function absentCellsSelectedBy(db: Kysely<Database>, request: CellSelection, rowIds: string[] | null) {
  let query = db
    .selectFrom('rows as r')
    .innerJoin('columns as c', (join) => join.on('c.table_id', '=', request.tableId))
    .where('r.table_key', '=', tableKeyOf(db, request.tableId))
    .where('c.id', 'in', request.columnIds)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('cells as s').select(sql.lit(1).as('one')).whereRef('s.row_key', '=', 'r.key').whereRef('s.column_key', '=', 'c.column_key'))),
    );
  if (rowIds) query = query.where('r.id', 'in', rowIds);
  return query;
}

/**
 * Queue the cells a run selects: each remembers its previous status (for cancel) and keeps its
 * old value until the engine writes a new one. Cells already queued stay with their run, except
 * "stuck" ones (queued or running since before `stuckBefore`), which the new run takes over.
 */
export async function requestCells(db: Kysely<Database>, request: CellRequest): Promise<number> {
  let total = 0;
  // Whether stored cells were queued (their readiness is written once all are queued, below).
  let hasMovedStoredCells = false;
  const rowChunks = request.rowIds === null ? [null] : chunk(request.rowIds, 1, 20_000);
  for (const rowIds of rowChunks) {
    const selects = cellsRequestedBy(db, request, rowIds);
    const before = await db
      .selectFrom('cells')
      .select(['status', (expression) => expression.fn.countAll<number>().as('count')])
      .where(selects)
      .groupBy('status')
      .execute();
    const deltas: Partial<CellCounts> = {};
    let moved = 0;
    for (const row of before) {
      const count = Number(row.count);
      deltas[row.status as CellStatus] = (deltas[row.status as CellStatus] ?? 0) - count;
      moved += count;
    }
    if (moved > 0) {
      hasMovedStoredCells = true;
      await db
        .updateTable('cells')
        .set((expression) => ({
          // A stuck cell was already queued: keep the status it had before that first request.
          previous_status: expression
            .case()
            .when('status', 'in', ['requested', 'in_progress'])
            .then(expression.ref('previous_status'))
            .else(expression.ref('status'))
            .end(),
          status: 'requested',
          run_id: request.runId,
          attempts: 0,
          run_after: null,
          lease_token: null,
          lease_expires_at: null,
          bypass_cache: request.bypassCache ? 1 : 0,
          updated_at: request.now,
        }))
        .where(selects)
        .execute();
    }
    if (request.statuses.includes(ABSENT_STATUS)) {
      // Absent cells are queued by writing them, in one INSERT … SELECT. ON CONFLICT: on
      // PostgreSQL a concurrent run may have written some first; those are its cells, as they
      // are when its UPDATE takes a stored cell first.
      const inserted = await db
        .insertInto('cells')
        .columns(['row_key', 'column_key', 'status', 'is_input', 'attempts', 'run_id', 'previous_status', 'bypass_cache', 'updated_at', 'is_ready'])
        .expression(
          absentCellsSelectedBy(db, request, rowIds).select([
            'r.key',
            'c.column_key',
            sql.lit('requested').as('status'),
            isInputColumn('c').as('is_input'),
            sql.lit(0).as('attempts'),
            sql.val(request.runId).as('run_id'),
            sql.lit(ABSENT_STATUS).as('previous_status'),
            sql.lit(request.bypassCache ? 1 : 0).as('bypass_cache'),
            sql.val(request.now).as('updated_at'),
            // Ready as written: dependencies lie in the same row, so in this chunk; stored ones
            // were moved by the UPDATE above (visible here), and absent ones inserted by this
            // statement are not visible to it, so they block, as queued cells should.
            readinessOfQueuedCell(sql.ref('r.key'), sql.ref('c.column_key'), request.columnIds).as('is_ready'),
          ]),
        )
        .onConflict((conflict) => conflict.columns(['row_key', 'column_key']).doNothing())
        .executeTakeFirst();
      const count = Number(inserted.numInsertedOrUpdatedRows ?? 0);
      deltas[ABSENT_STATUS] = (deltas[ABSENT_STATUS] ?? 0) - count;
      moved += count;
    }
    if (moved === 0) continue;
    deltas.requested = (deltas.requested ?? 0) + moved;
    await applyCellCountDeltas(db, request.tableId, deltas);
    total += moved;
  }
  // Inserted cells were written ready or not; only stored cells the UPDATE moved need this pass
  // (it was a second write of every queued cell: 0.63 s of a 30,000-cell run's start on PostgreSQL).
  if (hasMovedStoredCells) {
    await db.updateTable('cells').set({ is_ready: READINESS }).where('run_id', '=', request.runId).where('status', '=', 'requested').execute();
  }
  return total;
}

/**
 * Cancel a run: its queued cells go back to the status they had before it (value untouched).
 * Cells already running are left to end or be reclaimed; they are never left hanging.
 */
export async function cancelRequestedCells(db: Kysely<Database>, tableId: string, runId: string, now: string): Promise<number> {
  // One statement per status the cells go back to, counted by what each statement changed: a
  // count read first would drift from the update when workers claim some of the cells in between
  // (PostgreSQL, READ COMMITTED), and the table's counters would never return to idle.
  const deltas: Partial<CellCounts> = {};
  let moved = 0;
  for (const status of ['created', 'done', 'failed'] as const) {
    const result = await db
      .updateTable('cells')
      .set({ status, previous_status: null, run_id: null, run_after: null, updated_at: now })
      .where('run_id', '=', runId)
      .where('status', '=', 'requested')
      .where((expression) => expression(expression.fn.coalesce('previous_status', expression.val('created')), '=', status))
      .executeTakeFirst();
    const count = Number(result.numUpdatedRows);
    if (count === 0) continue;
    deltas[status] = count;
    moved += count;
  }
  if (moved === 0) return 0;
  deltas.requested = -moved;
  await applyCellCountDeltas(db, tableId, deltas);
  return moved;
}

/** Add the usage of cells that just ended to their runs (one statement per run in the batch). */
export async function addRunUsage(db: Kysely<Database>, usageByRun: ReadonlyMap<string, RunUsage>): Promise<void> {
  for (const [runId, usage] of usageByRun) {
    await db
      .updateTable('runs')
      .set((expression) => ({
        model_calls: expression('model_calls', '+', usage.modelCalls),
        input_tokens: expression('input_tokens', '+', usage.inputTokens),
        output_tokens: expression('output_tokens', '+', usage.outputTokens),
        cost: expression('cost', '+', usage.cost),
        unpriced_cells: expression('unpriced_cells', '+', usage.unpricedCells),
      }))
      .where('id', '=', runId)
      .execute();
  }
}

/** Where a run's cells are now, from the (run_id, status) index. */
export async function countRunCells(db: Kysely<Database>, runId: string): Promise<RunCellCounts> {
  const counts = await countUnfinishedCells(db, runId);
  return { done: counts.done, failed: counts.failed, remaining: counts.unfinished };
}

/** Cells of a run still queued or running. */
export async function countUnfinishedCells(db: Kysely<Database>, runId: string): Promise<{ unfinished: number; done: number; failed: number }> {
  const rows = await db
    .selectFrom('cells')
    .select(['status', (expression) => expression.fn.countAll<number>().as('count')])
    .where('run_id', '=', runId)
    .groupBy('status')
    .execute();
  const counts = { unfinished: 0, done: 0, failed: 0 };
  for (const row of rows) {
    if (row.status === 'requested' || row.status === 'in_progress') counts.unfinished += Number(row.count);
    else if (row.status === 'done') counts.done += Number(row.count);
    else if (row.status === 'failed') counts.failed += Number(row.count);
  }
  return counts;
}
