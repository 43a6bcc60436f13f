import { isComputedKind } from '../domain/column-config-schema.ts';
import { columnDependencies } from '../domain/column-dependencies.ts';
import type { Column } from '../domain/records.ts';
import type { ClaimedCell } from '../store/queue-store.ts';
import type { RowWithCellValues, TableStore } from '../store/table-store.ts';
import type { CellContext } from './cell-executor.ts';

type StoredCellValue = RowWithCellValues['cells'][number];

/** The table reads a batch's contexts are built from. */
export type CellContextReads = Pick<TableStore, 'findTableWithColumns' | 'listColumns' | 'findRowsWithCellValues'>;

export type LoadedCell = { claimed: ClaimedCell; context: Omit<CellContext, 'signal'> } | { claimed: ClaimedCell; problem: string };

/**
 * Load what a batch of claimed cells needs: one read per table for the table with its columns,
 * one for the rows with their stored cells' values (none where the claim brought them, as on
 * PostgreSQL), and one for parent rows (with the parent table's columns): two statements a batch, where there were seven (the table's counters,
 * the rows' table key and their cells read apart), and on PostgreSQL each statement's send and
 * parse was most of a worker's CPU. A cell whose table, row or column vanished since it was
 * queued gets a `problem` instead of a context. Only stored cells are read: an absent cell has
 * no value, and answersByKey gives an absent input cell the null that `listCells` would have
 * read for it.
 */
export async function loadCellContexts(store: CellContextReads, claimed: ClaimedCell[]): Promise<LoadedCell[]> {
  const byTable = groupBy(claimed, (cell) => cell.tableId);
  const loaded: LoadedCell[] = [];
  for (const [tableId, cells] of byTable) {
    const found = await store.findTableWithColumns(tableId);
    if (!found) {
      for (const cell of cells) loaded.push({ claimed: cell, problem: `table ${tableId} no longer exists` });
      continue;
    }
    const { table, columns } = found;
    // Rows the claim read with its cells (PostgreSQL) are not read again.
    const rows = cells.every((cell) => cell.row)
      ? new Map(cells.map((cell) => [cell.rowId, cell.row!]))
      : new Map((await store.findRowsWithCellValues(tableId, [...new Set(cells.map((cell) => cell.rowId))])).map((row) => [row.id, row]));
    const parentIds = [...new Set([...rows.values()].flatMap((row) => (row.parentRowId ? [row.parentRowId] : [])))];
    const parentTableId = table.parentTableId;
    const parentColumns = parentTableId && parentIds.length > 0 ? await store.listColumns(parentTableId) : [];
    const parents =
      parentTableId && parentIds.length > 0
        ? new Map((await store.findRowsWithCellValues(parentTableId, parentIds)).map((parent) => [parent.id, parent.cells]))
        : new Map<string, StoredCellValue[]>();
    const plan = planContexts(table, columns, rows, parentColumns, parents);
    for (const cell of cells) loaded.push(contextOfCell(plan, cell));
  }
  return loaded;
}

type TableOfContexts = NonNullable<Awaited<ReturnType<CellContextReads['findTableWithColumns']>>>['table'];

/**
 * What one batch's cells of a table share: their reads, and what is worked out once per table and
 * column rather than once per cell (parsing each column's prompt for its references was a good
 * part of a worker's CPU outside the database driver, and so were the maps and arrays each cell's
 * context was built through).
 */
interface ContextPlan {
  tableIdentity: CellContext['table'];
  rows: Map<string, RowWithCellValues>;
  parents: Map<string, StoredCellValue[]>;
  columnsById: Map<string, Column>;
  shapes: ColumnShapes;
  parentShapes: ColumnShapes;
  keys: Set<string>;
  dependenciesByColumn: Map<string, string[]>;
  parentInputsByRow: Map<string, Record<string, unknown>>;
}

function planContexts(
  table: TableOfContexts,
  columns: Column[],
  rows: Map<string, RowWithCellValues>,
  parentColumns: Column[],
  parents: Map<string, StoredCellValue[]>,
): ContextPlan {
  return {
    tableIdentity: { id: table.id, kind: table.kind, workspaceId: table.workspaceId, name: table.name },
    rows,
    parents,
    columnsById: new Map(columns.map((column) => [column.id, column])),
    shapes: columnShapes(columns),
    parentShapes: columnShapes(parentColumns),
    keys: new Set(columns.map((candidate) => candidate.key)),
    dependenciesByColumn: new Map(),
    parentInputsByRow: new Map(),
  };
}

/**
 * One cell's context. Small and apart from the async loader on purpose: V8 optimizes an async
 * function's whole body as one state machine, and with this work inside it the loader was a
 * worker's most expensive function to compile (0.3–0.7 s a time, several times over a run).
 */
function contextOfCell(plan: ContextPlan, cell: ClaimedCell): LoadedCell {
  const row = plan.rows.get(cell.rowId);
  const column = plan.columnsById.get(cell.columnId);
  if (!row || !column) return { claimed: cell, problem: `the ${row ? 'column' : 'row'} of this cell no longer exists` };
  const answers = answersByKey(plan.shapes, row.cells);
  const dependencies = plan.dependenciesByColumn.get(column.id) ?? dependenciesOf(plan, column);
  const inputs: Record<string, unknown> = {};
  const dependencyValues: Record<string, unknown> = {};
  for (const key of dependencies) {
    if (answers.answers.has(key)) inputs[key] = answers.answers.get(key);
    if (answers.values.has(key)) dependencyValues[key] = answers.values.get(key);
  }
  const rowInputs: Record<string, unknown> = {};
  for (const key of plan.shapes.inputKeys) rowInputs[key] = answers.answers.get(key);
  const parentInputs = row.parentRowId ? (plan.parentInputsByRow.get(row.parentRowId) ?? parentInputsOf(plan, row.parentRowId)) : null;
  return {
    claimed: cell,
    context: {
      table: plan.tableIdentity,
      row: { id: row.id, parentRowId: row.parentRowId, companyProfileId: row.companyProfileId },
      column,
      inputs,
      dependencyValues,
      parentInputs,
      rowInputs,
      attempt: cell.attempts,
      bypassCache: cell.bypassCache,
      runId: cell.runId,
    },
  };
}

/** A column's dependencies, worked out on its first cell of the batch. */
function dependenciesOf(plan: ContextPlan, column: Column): string[] {
  const dependencies = columnDependencies(column.config, plan.tableIdentity.kind, plan.keys);
  plan.dependenciesByColumn.set(column.id, dependencies);
  return dependencies;
}

/** A parent row's inputs, worked out on the first of its child rows in the batch. */
function parentInputsOf(plan: ContextPlan, parentRowId: string): Record<string, unknown> {
  const parentInputs = Object.fromEntries(answersByKey(plan.parentShapes, plan.parents.get(parentRowId) ?? []).answers);
  plan.parentInputsByRow.set(parentRowId, parentInputs);
  return parentInputs;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = grouped.get(key);
    if (list) list.push(item);
    else grouped.set(key, [item]);
  }
  return grouped;
}

/** What answersByKey needs of a table's columns, worked out once per batch. */
interface ColumnShapes {
  byId: Map<string, { key: string; isComputed: boolean }>;
  /** Keys of the input columns, in column order. */
  inputKeys: string[];
}

function columnShapes(columns: Column[]): ColumnShapes {
  const byId = new Map(columns.map((column) => [column.id, { key: column.key, isComputed: isComputedKind(column.config.kind) }]));
  return { byId, inputKeys: columns.filter((column) => !isComputedKind(column.config.kind)).map((column) => column.key) };
}

/** A row's answers by column key: raw values of inputs, `answer` of computed values. */
function answersByKey(shapes: ColumnShapes, cells: StoredCellValue[]): { answers: Map<string, unknown>; values: Map<string, unknown> } {
  const answers = new Map<string, unknown>();
  const values = new Map<string, unknown>();
  for (const cell of cells) {
    const column = shapes.byId.get(cell.columnId);
    if (!column) continue;
    if (!column.isComputed) {
      answers.set(column.key, cell.value);
    } else if (cell.status === 'done' && cell.value !== null && typeof cell.value === 'object') {
      answers.set(column.key, (cell.value as { answer?: unknown }).answer ?? null);
      values.set(column.key, cell.value);
    }
  }
  // An input cell that is not stored reads as created with no value: its answer is null.
  for (const key of shapes.inputKeys) if (!answers.has(key)) answers.set(key, null);
  return { answers, values };
}
