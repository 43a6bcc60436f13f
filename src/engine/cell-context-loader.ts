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
 * one for the rows with their stored cells' values, and one for parent rows (with the parent
 * table's columns): two statements a batch, where there were seven (the table's counters,
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
    const rowIds = [...new Set(cells.map((cell) => cell.rowId))];
    const rows = new Map((await store.findRowsWithCellValues(tableId, rowIds)).map((row) => [row.id, row]));
    const parentIds = [...new Set([...rows.values()].flatMap((row) => (row.parentRowId ? [row.parentRowId] : [])))];
    const parentTableId = table.parentTableId;
    const parentColumns = parentTableId && parentIds.length > 0 ? await store.listColumns(parentTableId) : [];
    const parents =
      parentTableId && parentIds.length > 0
        ? new Map((await store.findRowsWithCellValues(parentTableId, parentIds)).map((parent) => [parent.id, parent.cells]))
        : new Map<string, StoredCellValue[]>();
    // Worked out once per table and column, not once per cell: parsing each column's prompt for
    // its references was a good part of a worker's CPU outside the database driver.
    const columnsById = new Map(columns.map((column) => [column.id, column]));
    const keys = new Set(columns.map((candidate) => candidate.key));
    const inputColumns = columns.filter((candidate) => !isComputedKind(candidate.config.kind));
    const dependenciesByColumn = new Map<string, string[]>();
    for (const cell of cells) {
      const row = rows.get(cell.rowId);
      const column = columnsById.get(cell.columnId);
      if (!row || !column) {
        loaded.push({ claimed: cell, problem: `the ${row ? 'column' : 'row'} of this cell no longer exists` });
        continue;
      }
      const answers = answersByKey(columns, row.cells);
      let dependencies = dependenciesByColumn.get(column.id);
      if (!dependencies) {
        dependencies = columnDependencies(column.config, table.kind, keys);
        dependenciesByColumn.set(column.id, dependencies);
      }
      loaded.push({
        claimed: cell,
        context: {
          table: { id: table.id, kind: table.kind, workspaceId: table.workspaceId, name: table.name },
          row: { id: row.id, parentRowId: row.parentRowId, companyProfileId: row.companyProfileId },
          column,
          inputs: Object.fromEntries(dependencies.filter((key) => answers.answers.has(key)).map((key) => [key, answers.answers.get(key)])),
          dependencyValues: Object.fromEntries(dependencies.filter((key) => answers.values.has(key)).map((key) => [key, answers.values.get(key)])),
          parentInputs: row.parentRowId ? Object.fromEntries(answersByKey(parentColumns, parents.get(row.parentRowId) ?? []).answers) : null,
          rowInputs: Object.fromEntries(
            inputColumns.filter((candidate) => answers.answers.has(candidate.key)).map((candidate) => [candidate.key, answers.answers.get(candidate.key)]),
          ),
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

/** A row's answers by column key: raw values of inputs, `answer` of computed values. */
function answersByKey(columns: Column[], cells: StoredCellValue[]): { answers: Map<string, unknown>; values: Map<string, unknown> } {
  const keyOf = new Map(columns.map((column) => [column.id, column]));
  const answers = new Map<string, unknown>();
  const values = new Map<string, unknown>();
  for (const cell of cells) {
    const column = keyOf.get(cell.columnId);
    if (!column) continue;
    if (!isComputedKind(column.config.kind)) {
      answers.set(column.key, cell.value);
    } else if (cell.status === 'done' && cell.value !== null && typeof cell.value === 'object') {
      answers.set(column.key, (cell.value as { answer?: unknown }).answer ?? null);
      values.set(column.key, cell.value);
    }
  }
  // An input cell that is not stored reads as created with no value: its answer is null.
  for (const column of columns) if (!isComputedKind(column.config.kind) && !answers.has(column.key)) answers.set(column.key, null);
  return { answers, values };
}
