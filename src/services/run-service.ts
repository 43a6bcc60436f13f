import { isComputedKind } from '../domain/column-config-schema.ts';
import { dependencyGraph } from '../domain/column-dependencies.ts';
import { NotFoundError, ValidationError, type ValidationIssue } from '../domain/errors.ts';
import type { Column, Principal, Table } from '../domain/records.ts';
import { cellsRequestedBy, type Run, type RunMode } from '../domain/run-modes.ts';
import { NO_USAGE, type RunCellCounts } from '../domain/run-summary.ts';
import { emptyEngineChange, type EngineChange } from '../store/queue-store.ts';
import type { CellSelection, RunFailedCell, Store } from '../store/store.ts';
import { reachedWorkspaceCap, stopRunAtCap } from './run-caps.ts';
import type { ServiceContext } from './service-context.ts';
import { requireTable } from './table-lookup.ts';

const SWEEP_PAGE = 1_000;

export interface StartRunInput {
  mode?: RunMode;
  rows?: string[] | null;
  columns?: string[] | null;
  /** Stop claiming the run's cells once it has spent this many dollars (extension). */
  maxCost?: number | null;
  /** Stop claiming the run's cells once this many have ended (extension). */
  maxCells?: number | null;
}

/**
 * Start a run (contract §2.2.7): queue the cells the mode selects in the rows × columns scope.
 * Input columns in `columns` are skipped (they are never computed). Upstream cells the scope
 * needs that were never computed are queued too, so a run scoped to one new column does not
 * wait forever on a dependency nobody asked for.
 */
export async function startRun(context: ServiceContext, principal: Principal, tableId: string, input: StartRunInput): Promise<Run> {
  const { run, change } = await context.store.transaction(async (store) => {
    const table = await requireTable(store, principal, tableId);
    const queued = await queueRun(context, store, table, input);
    if (queued.status === 'done')
      return { run: queued, change: { ...emptyEngineChange(), endedRuns: [{ runId: queued.id, tableId: table.id, status: 'done' as const }] } };
    // A workspace past its daily or monthly cap starts no run: the run is recorded and ended with
    // the reason, its cells back as they were, before any worker can see them.
    const capReason = await reachedWorkspaceCap(store, principal.workspace.id, context.cost, context.now());
    if (capReason) {
      const ended = await stopRunAtCap(store, queued, capReason, context.now());
      return { run: (await store.findRun(table.id, queued.id)) ?? queued, change: { ...emptyEngineChange(), endedRuns: ended ? [ended] : [] } };
    }
    return endUnstartableCells(context, store, queued);
  });
  context.cellsChanged(change);
  if (run.statusReason === null && run.numRequestedCells > 0) context.cellsQueued();
  return run;
}

/**
 * Cells the run queued that wait on an upstream cell that already failed (mode "new" leaves
 * failed cells alone) can never start: fail them now, with their whole chain, instead of at
 * the next sweep. A run left with nothing to do ends here, in the answer to its request.
 */
async function endUnstartableCells(context: ServiceContext, store: Store, run: Run): Promise<{ run: Run; change: EngineChange }> {
  const now = context.now();
  const change = await store.sweepWaitingCells({ tableId: run.tableId, now, limit: SWEEP_PAGE });
  const ended = change.endedRuns.find((candidate) => candidate.runId === run.id);
  return { run: ended ? { ...run, status: ended.status, updatedAt: now, endedAt: now } : run, change };
}

/**
 * The body of a run, inside the caller's transaction (a run on its own, or rows written with
 * `run: true`, which must queue in the same transaction as the rows: a failed request changes
 * nothing). The caller wakes the workers after committing.
 */
export async function queueRun(context: ServiceContext, store: Store, table: Table, input: StartRunInput): Promise<Run> {
  const plan = await planRun(context, store, table, input);
  const now = context.now();
  const run: Run = {
    id: context.newId(),
    tableId: table.id,
    mode: plan.mode,
    status: 'created',
    rowIds: input.rows ?? null,
    columnIds: input.columns ?? null,
    numRequestedCells: 0,
    createdAt: now,
    updatedAt: now,
    endedAt: null,
    endCounts: null,
    usage: NO_USAGE,
    caps: { maxCost: input.maxCost ?? null, maxCells: input.maxCells ?? null },
    statusReason: null,
  };
  await store.insertRun(run);
  // "all" asks for fresh answers on purpose; "failed" too, or a cached reply that failed the
  // format would fail the cell again without asking the model.
  const bypassCache = plan.mode === 'all' || plan.mode === 'failed';
  let requested = 0;
  for (const selection of plan.selections) requested += await store.requestCells({ ...selection, runId: run.id, bypassCache, now });
  const isEmpty = requested === 0;
  run.numRequestedCells = requested;
  run.status = isEmpty ? 'done' : 'created';
  run.endedAt = isEmpty ? now : null;
  run.endCounts = isEmpty ? { done: 0, failed: 0 } : null;
  await store.updateRun(run.id, {
    status: run.status,
    numRequestedCells: requested,
    now,
    isEnded: isEmpty,
    ...(run.endCounts ? { endCounts: run.endCounts } : {}),
  });
  return run;
}

/** What a run would queue: the cells each selection picks, in the order they are queued. */
export interface RunPlan {
  mode: RunMode;
  /** The columns in scope first, then the upstream columns they need that were never computed. */
  selections: CellSelection[];
  columns: Column[];
}

/**
 * The cells a run selects, without queuing them: the real run and a dry run share it, so a
 * dry run's counts are what the run then queues.
 */
export async function planRun(context: ServiceContext, store: Store, table: Table, input: StartRunInput): Promise<RunPlan> {
  const columns = await store.listColumns(table.id);
  await checkScope(store, table.id, columns, input);
  const mode = input.mode ?? 'new';
  const scopeColumns = columns.filter((column) => isComputedKind(column.config.kind) && (!input.columns || input.columns.includes(column.id)));
  const upstream = upstreamColumns(columns, scopeColumns, table.kind);
  const stuckBefore = mode === 'stuck_failed_new' ? new Date(Date.parse(context.now()) - context.stuckAfterMs).toISOString() : null;
  const base = { tableId: table.id, rowIds: input.rows ?? null };
  const selections: CellSelection[] = [];
  if (scopeColumns.length > 0) {
    selections.push({ ...base, columnIds: scopeColumns.map((column) => column.id), ...cellsRequestedBy(mode), stuckBefore });
  }
  if (upstream.length > 0) selections.push({ ...base, columnIds: upstream.map((column) => column.id), statuses: ['created'], stuckBefore: null });
  return { mode, selections, columns };
}

async function checkScope(store: Store, tableId: string, columns: Column[], input: StartRunInput): Promise<void> {
  const issues: ValidationIssue[] = [];
  const columnIds = new Set(columns.map((column) => column.id));
  input.columns?.forEach((id, index) => {
    if (!columnIds.has(id)) issues.push({ loc: ['body', 'columns', index], msg: `column ${id} is not a column of this table`, type: 'value_error' });
  });
  if (input.rows && input.rows.length > 0) {
    const found = new Set((await store.findRows(tableId, input.rows)).map((row) => row.id));
    input.rows.forEach((id, index) => {
      if (!found.has(id) && issues.length < 50) issues.push({ loc: ['body', 'rows', index], msg: `row ${id} is not a row of this table`, type: 'value_error' });
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}

/** Computed columns the scope depends on, directly or not, that are outside the scope. */
function upstreamColumns(columns: Column[], scope: Column[], tableKind: Parameters<typeof dependencyGraph>[1]): Column[] {
  const graph = dependencyGraph(
    columns.map((column) => column.config),
    tableKind,
  );
  const byKey = new Map(columns.map((column) => [column.key, column]));
  const inScope = new Set(scope.map((column) => column.key));
  const found = new Set<string>();
  const queue = [...inScope];
  while (queue.length > 0) {
    for (const dependency of graph.get(queue.shift()!) ?? []) {
      const column = byKey.get(dependency);
      if (!column || inScope.has(dependency) || found.has(dependency) || !isComputedKind(column.config.kind)) continue;
      found.add(dependency);
      queue.push(dependency);
    }
  }
  return [...found].map((key) => byKey.get(key)!);
}

/** A run with where its cells are: live while it goes, as recorded once it ended. */
export interface RunWithCounts extends Run {
  counts: RunCellCounts;
}

/** The counts of a run: recorded at its end, else read live (runs ended before counts were kept are read live too). */
export async function withCounts(store: Store, run: Run): Promise<RunWithCounts> {
  if (run.endCounts) return { ...run, counts: { ...run.endCounts, remaining: 0 } };
  return { ...run, counts: await store.countRunCells(run.id) };
}

export async function getRun(context: ServiceContext, principal: Principal, tableId: string, runId: string): Promise<RunWithCounts> {
  const table = await requireTable(context.store, principal, tableId);
  return withCounts(context.store, await requireRun(context.store, table.id, runId));
}

export async function listRuns(
  context: ServiceContext,
  principal: Principal,
  tableId: string,
  page: { offset: number; limit: number },
): Promise<RunWithCounts[]> {
  const table = await requireTable(context.store, principal, tableId);
  const runs = await context.store.listRuns(table.id, page);
  return Promise.all(runs.map((run) => withCounts(context.store, run)));
}

/** The run's failed cells with their messages, a page at a time. */
export async function listFailedCellsOfRun(
  context: ServiceContext,
  principal: Principal,
  tableId: string,
  runId: string,
  page: { offset: number; limit: number },
): Promise<{ cells: RunFailedCell[]; total: number }> {
  const table = await requireTable(context.store, principal, tableId);
  const run = await requireRun(context.store, table.id, runId);
  return context.store.listFailedCellsOfRun(run.id, page);
}

/**
 * Cancel a run: queued cells return to their previous status; running ones end on their own.
 * The counts recorded are those at the cancel (cells still running may end afterwards).
 */
export async function cancelRun(context: ServiceContext, principal: Principal, tableId: string, runId: string): Promise<RunWithCounts> {
  const { run, hasEndedNow } = await context.store.transaction(async (store) => {
    const table = await requireTable(store, principal, tableId);
    const run = await requireRun(store, table.id, runId);
    if (run.status === 'done' || run.status === 'failed' || run.status === 'canceled') return { run: await withCounts(store, run), hasEndedNow: false };
    const now = context.now();
    await store.cancelRequestedCells(table.id, run.id, now);
    const counts = await store.countRunCells(run.id);
    await store.updateRun(run.id, { status: 'canceled', now, isEnded: true, endCounts: { done: counts.done, failed: counts.failed } });
    return { run: await withCounts(store, (await store.findRun(table.id, run.id))!), hasEndedNow: true };
  });
  if (hasEndedNow) context.cellsChanged({ ...emptyEngineChange(), endedRuns: [{ runId: run.id, tableId: run.tableId, status: 'canceled' }] });
  return run;
}

async function requireRun(store: Store, tableId: string, runId: string): Promise<Run> {
  const run = await store.findRun(tableId, runId);
  if (!run) throw new NotFoundError(`Run ${runId} not found in table ${tableId}`);
  return run;
}
