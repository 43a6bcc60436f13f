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
      loaded.push(...cells.map((cell) => ({ claimed: cell, problem: `table ${tableId} no longer exists` })));
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
    // Worked out once per table and column, not once per cell: parsing each column's prompt for
    // its references was a good part of a worker's CPU outside the database driver, and so were
    // the maps and arrays each cell's context was built through.
    const columnsById = new Map(columns.map((column) => [column.id, column]));
    const shapes = columnShapes(columns);
    const parentShapes = columnShapes(parentColumns);
    const keys = new Set(columns.map((candidate) => candidate.key));
    const dependenciesByColumn = new Map<string, string[]>();
    const parentInputsByRow = new Map<string, Record<string, unknown>>();
    const tableIdentity = { id: table.id, kind: table.kind, workspaceId: table.workspaceId, name: table.name };
    for (const cell of cells) {
      const row = rows.get(cell.rowId);
      const column = columnsById.get(cell.columnId);
      if (!row || !column) {
        loaded.push({ claimed: cell, problem: `the ${row ? 'column' : 'row'} of this cell no longer exists` });
        continue;
      }
      const answers = answersByKey(shapes, row.cells);
      let dependencies = dependenciesByColumn.get(column.id);
      if (!dependencies) {
        dependencies = columnDependencies(column.config, table.kind, keys);
        dependenciesByColumn.set(column.id, dependencies);
      }
      const inputs: Record<string, unknown> = {};
      const dependencyValues: Record<string, unknown> = {};
      for (const key of dependencies) {
        if (answers.answers.has(key)) inputs[key] = answers.answers.get(key);
        if (answers.values.has(key)) dependencyValues[key] = answers.values.get(key);
      }
      const rowInputs: Record<string, unknown> = {};
      for (const key of shapes.inputKeys) rowInputs[key] = answers.answers.get(key);
      let parentInputs: Record<string, unknown> | null = null;
      if (row.parentRowId) {
        parentInputs = parentInputsByRow.get(row.parentRowId) ?? null;
        if (!parentInputs) {
          parentInputs = Object.fromEntries(answersByKey(parentShapes, parents.get(row.parentRowId) ?? []).answers);
          parentInputsByRow.set(row.parentRowId, parentInputs);
        }
      }
      loaded.push({
        claimed: cell,
        context: {
          table: tableIdentity,
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
      });
    }
  }
  return loaded;
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
