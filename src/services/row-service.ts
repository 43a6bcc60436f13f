import { setImmediate as yieldToOtherWork } from 'node:timers/promises';
import { appendAll } from '../domain/append-all.ts';
import { isComputedKind } from '../domain/column-config-schema.ts';
import { dependencyGraph, transitiveDependents } from '../domain/column-dependencies.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { assertCellLimit } from '../domain/request-limits.ts';
import type { Cell, Column, Principal, Row, Table } from '../domain/records.ts';
import type { Run } from '../domain/run-modes.ts';
import type { Store } from '../store/store.ts';
import { inputDataIssues } from './row-input.ts';
import { queueRun } from './run-service.ts';
import type { ServiceContext } from './service-context.ts';
import { requireTable } from './table-lookup.ts';

export const MAX_ROWS_PER_REQUEST = 1_000;

/** Cells written per statement batch of an insert; about 50 ms of SQLite work. */
const INSERT_BATCH_CELLS = 20_000;

export interface RowInput {
  id?: string | null;
  data: Record<string, unknown>;
  metadata?: Record<string, unknown> | null;
}

export interface RowsWithCells {
  table: Table;
  columns: Column[];
  rows: Row[];
  cells: Cell[];
  /** The run started over these rows (`run: true`). */
  run?: Run;
}

/**
 * Append rows (contract §2.3.1). The rows, and with `run` the run over them, are written in
 * one transaction or not at all.
 */
export async function addRows(context: ServiceContext, principal: Principal, tableId: string, inputs: RowInput[], run = false): Promise<RowsWithCells> {
  const result = await context.store.transaction(async (store): Promise<RowsWithCells> => {
    const table = await requireTable(store, principal, tableId);
    const columns = await store.listColumns(table.id);
    assertCellLimit(inputs.length, columns.length);
    const issues = inputDataIssues(columns, inputs, (index) => ['body', 'rows', index]);
    if (issues.length > 0) throw new ValidationError(issues);
    // The answer is built from what was written: reading 4,000 cells back per 1,000 rows would
    // double the cost of ingest for no new information.
    const { rows, cells } = await insertNewRows(context, store, table.id, columns, inputs);
    const queued = run ? await queueRun(context, store, table, { mode: 'new', rows: rows.map((row) => row.id) }) : undefined;
    return { table, columns, rows, cells: queued ? await store.listCells(rows.map((row) => row.id)) : cells, run: queued };
  });
  if (result.run && result.run.numRequestedCells > 0) context.cellsQueued();
  return result;
}

/** Legacy `num_rows` on create: N rows with empty inputs. */
export async function addEmptyRows(context: ServiceContext, store: Store, tableId: string, count: number): Promise<void> {
  const columns = await store.listColumns(tableId);
  await insertNewRows(
    context,
    store,
    tableId,
    columns,
    Array.from({ length: count }, () => ({ data: {} })),
  );
}

async function insertNewRows(
  context: ServiceContext,
  store: Store,
  tableId: string,
  columns: Column[],
  inputs: RowInput[],
): Promise<{ rows: Row[]; cells: Cell[] }> {
  const now = context.now();
  const rows: Row[] = [];
  const cells: Cell[] = [];
  // Written in batches of about INSERT_BATCH_CELLS cells with a turn of the event loop between
  // them, so a big insert never holds the process for its whole length (the rest of the
  // transaction stays one unit: all rows or none).
  const rowsPerBatch = Math.max(1, Math.floor(INSERT_BATCH_CELLS / Math.max(1, columns.length)));
  for (let start = 0; start < inputs.length; start += rowsPerBatch) {
    if (start > 0) await yieldToOtherWork();
    // Built once as the records the response echoes: the store reads the NewRow/NewCell fields
    // of the same objects, and only `seq` is filled in after the insert (no per-row copies).
    const newRows: Row[] = [];
    const newCells: Cell[] = [];
    for (const input of inputs.slice(start, start + rowsPerBatch)) {
      const rowId = context.newId();
      newRows.push({ id: rowId, tableId, seq: 0, parentRowId: null, companyProfileId: null, metadata: input.metadata ?? null, createdAt: now, updatedAt: now });
      for (const column of columns) {
        const isInput = !isComputedKind(column.config.kind);
        const value = isInput ? (input.data[column.key] ?? null) : null;
        newCells.push({ rowId, columnId: column.id, status: isInput && value !== null ? 'done' : 'created', value, error: null, isInput, updatedAt: now });
      }
    }
    const firstSeq = await store.insertRows(tableId, newRows, newCells);
    for (const [index, row] of newRows.entries()) {
      row.seq = firstSeq + index;
      rows.push(row);
    }
    appendAll(cells, newCells);
  }
  return { rows, cells };
}

/**
 * Update rows by id and create the ones without an id (contract §2.3.2). Input values merge
 * by key; every computed cell that depends on a changed input, directly or through other
 * columns, becomes stale so the next `mode: "new"` run recomputes it.
 */
export async function updateRows(context: ServiceContext, principal: Principal, tableId: string, inputs: RowInput[], run = false): Promise<RowsWithCells> {
  const result = await context.store.transaction(async (store): Promise<RowsWithCells> => {
    const table = await requireTable(store, principal, tableId);
    const columns = await store.listColumns(table.id);
    assertCellLimit(inputs.length, columns.length);
    const issues = inputDataIssues(columns, inputs, (index) => ['body', 'rows', index]);
    if (issues.length > 0) throw new ValidationError(issues);
    const ids = inputs.flatMap((input) => (input.id ? [input.id] : []));
    const existing = new Map((await store.findRows(table.id, ids)).map((row) => [row.id, row]));
    const unknown = ids.filter((id) => !existing.has(id));
    if (unknown.length > 0) throw new NotFoundError(`Row ${unknown.join(', ')} not found in table ${table.id}`);

    const graph = dependencyGraph(
      columns.map((column) => column.config),
      table.kind,
    );
    const byKey = new Map(columns.map((column) => [column.key, column]));
    const currentValues = new Map((await store.listCells(ids)).map((cell) => [`${cell.rowId}/${cell.columnId}`, cell.value]));
    const now = context.now();
    const { rows: created } = await insertNewRows(
      context,
      store,
      table.id,
      columns,
      inputs.filter((input) => !input.id),
    );
    const changedRowIds: string[] = created.map((row) => row.id);
    let createdIndex = 0;
    const orderedIds: string[] = [];
    for (const input of inputs) {
      if (!input.id) {
        orderedIds.push(created[createdIndex++]!.id);
        continue;
      }
      orderedIds.push(input.id);
      const row = existing.get(input.id)!;
      const changes = Object.entries(input.data)
        .map(([key, value]) => ({ column: byKey.get(key)!, value }))
        .filter(({ column, value }) => JSON.stringify(currentValues.get(`${row.id}/${column.id}`) ?? null) !== JSON.stringify(value ?? null));
      if (changes.length > 0) {
        await store.writeInputCells(
          table.id,
          row.id,
          changes.map(({ column, value }) => ({ columnId: column.id, value })),
          now,
        );
        const stale = new Set(changes.flatMap(({ column }) => [...transitiveDependents(graph, column.key)]));
        const staleColumnIds = columns.filter((column) => stale.has(column.key)).map((column) => column.id);
        await store.markCellsStale(table.id, [row.id], staleColumnIds, now);
        changedRowIds.push(row.id);
      }
      if (input.metadata !== undefined) {
        const merged = input.metadata === null ? null : { ...(row.metadata ?? {}), ...input.metadata };
        await store.updateRowMetadata(row.id, merged, now);
      }
    }
    const queued = run && changedRowIds.length > 0 ? await queueRun(context, store, table, { mode: 'new', rows: changedRowIds }) : undefined;
    const rows = await store.findRows(table.id, orderedIds);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return { table, columns, rows: orderedIds.map((id) => byId.get(id)!), cells: await store.listCells(orderedIds), run: queued };
  });
  if (result.run && result.run.numRequestedCells > 0) context.cellsQueued();
  return result;
}

/** Delete rows by id, with the child rows that people finders made from them. */
export async function deleteRows(context: ServiceContext, principal: Principal, tableId: string, rowIds: string[]): Promise<string[]> {
  return context.store.transaction(async (store) => {
    const table = await requireTable(store, principal, tableId);
    const found = new Set((await store.findRows(table.id, rowIds)).map((row) => row.id));
    const unknown = [...new Set(rowIds)].filter((id) => !found.has(id));
    if (unknown.length > 0) throw new NotFoundError(`Row ${unknown.join(', ')} not found in table ${table.id}`);
    let parents = [...found];
    while (parents.length > 0) {
      const children = await store.listRowsByParent(parents);
      // One delete per child table, not per child row (a company row may have many people).
      const byTable = new Map<string, string[]>();
      for (const child of children) {
        const ids = byTable.get(child.tableId);
        if (ids) ids.push(child.id);
        else byTable.set(child.tableId, [child.id]);
      }
      for (const [childTableId, childIds] of byTable) await store.deleteRows(childTableId, childIds);
      parents = children.map((child) => child.id);
    }
    return store.deleteRows(table.id, [...found]);
  });
}

export interface RowDetails extends RowsWithCells {
  parent: { columns: Column[]; cells: Cell[] } | null;
}

/** One row with its cells and, for child rows, the parent row's cells. */
export async function getRow(context: ServiceContext, principal: Principal, tableId: string, rowId: string): Promise<RowDetails> {
  const store = context.store;
  const table = await requireTable(store, principal, tableId);
  const [row] = await store.findRows(table.id, [rowId]);
  if (!row) throw new NotFoundError(`Row ${rowId} not found in table ${table.id}`);
  const columns = await store.listColumns(table.id);
  const cells = await store.listCells([row.id]);
  let parent: RowDetails['parent'] = null;
  if (row.parentRowId && table.parentTableId) {
    parent = { columns: await store.listColumns(table.parentTableId), cells: await store.listCells([row.parentRowId]) };
  }
  return { table, columns, rows: [row], cells, parent };
}
