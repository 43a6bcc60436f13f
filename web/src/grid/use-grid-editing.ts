import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import type { Column, TableDataRow } from '../api/api-types.ts';
import type { FathomApi } from '../api/fathom-api.ts';
import { MAX_DATA_PAGE } from '../api/fathom-api.ts';
import { countOf } from '../common/counts.ts';
import { addRowsInBatches } from '../rows/add-rows-in-batches.ts';
import { fromClipboardText } from './clipboard-text.ts';
import { EditHistory, type HistoryEntry } from './edit-history.ts';
import { planPaste } from './grid-clipboard.ts';
import type { GridColumn } from './grid-columns.ts';
import type { CellRange } from './grid-selection.ts';
import { inputChangesEntry, writeInputs, type InputChange } from './input-edits.ts';
import type { RowPageCache } from './row-page-cache.ts';

/** Deleting more rows than this at once cannot be undone (their inputs would have to be read first). */
export const MAX_UNDOABLE_ROW_DELETE = 1_000;
/** Rows not in memory are read by id this many at once before a delete, for its undo. */
const ROWS_READ_AT_ONCE = 16;
/** The server takes at most 10,000 ids per delete. */
const MAX_ROWS_PER_DELETE = 10_000;

export interface GridEditingOptions {
  api: FathomApi;
  tableId: string;
  columns: Column[];
  gridColumns: GridColumn[];
  rowCount: number;
  cache: RowPageCache;
  /** The table's status and columns changed (counts, a column config). */
  onTableChanged(): Promise<void>;
  /** Rows were added or removed: positions moved, the rows in memory are read again. */
  onRowsChanged(): Promise<void>;
  notify(message: string): void;
}

export interface GridEditing {
  /** What Undo and Redo would do, for their buttons; null when nothing. */
  nextUndo: string | null;
  nextRedo: string | null;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** Save typed values (one cell, or a record's field). */
  saveInputs(changes: InputChange[]): Promise<void>;
  paste(range: CellRange, text: string): Promise<void>;
  clear(range: CellRange): Promise<void>;
  /** Delete rows; undoable (the rows come back at the end of the table, with their inputs) up to MAX_UNDOABLE_ROW_DELETE. */
  deleteRows(rowIds: string[]): Promise<void>;
  /** A column's config was replaced (`before` → `after`) through the form. */
  recordColumnEdit(columnId: string, before: Column['config'], after: Column['config']): void;
  /** A column was added through the form. */
  recordColumnAdd(column: Column): void;
}

/** Input values of a row worth restoring: non-empty input cells, by key. */
function inputsOf(row: Pick<TableDataRow, 'data'>, inputKeys: readonly string[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const key of inputKeys) {
    const value = row.data[key]?.value;
    if (value !== null && value !== undefined && value !== '') data[key] = value;
  }
  return data;
}

/**
 * Everything the user changes by hand in the grid, and its undo history: typing, pasting and
 * clearing input cells, deleting rows, editing and adding columns. Each change is written to the
 * server at once; Undo writes the old values back (rows deleted come back at the end of the table
 * with their inputs; their answers are computed again by a run).
 */
export function useGridEditing(options: GridEditingOptions): GridEditing {
  const { api, tableId, columns, gridColumns, rowCount, cache, onTableChanged, onRowsChanged, notify } = options;
  // One history per open table: the page is mounted afresh for each table.
  const [history] = useState(() => new EditHistory());
  useSyncExternalStore(history.subscribe, history.getVersion);
  const names = useMemo(() => new Map(columns.map((column) => [column.config.key, column.config.name])), [columns]);
  const columnName = useCallback((key: string) => names.get(key) ?? key, [names]);
  const inputKeys = useMemo(() => columns.filter((column) => column.config.kind === 'input').map((column) => column.config.key), [columns]);
  const sink = useMemo(() => ({ replaceRow: (row: Pick<TableDataRow, 'id' | 'data'>) => cache.replaceRow(row) }), [cache]);
  const afterInputs = useCallback(() => void onTableChanged(), [onTableChanged]);

  const saveInputs = useCallback(
    async (changes: InputChange[]) => {
      const real = changes.filter((change) => (change.before ?? null) !== (change.after ?? null));
      if (real.length === 0) return;
      await writeInputs(
        api,
        tableId,
        sink,
        real.map((change) => ({ rowId: change.rowId, key: change.key, value: change.after ?? null })),
      );
      history.record(inputChangesEntry(api, tableId, sink, real, columnName, afterInputs));
      afterInputs();
    },
    [api, tableId, sink, history, columnName, afterInputs],
  );

  /** Rows at positions first…first+count-1: from memory, else read from the server (1,000 a request). */
  const rowsAt = useCallback(
    async (first: number, count: number): Promise<(TableDataRow | undefined)[]> => {
      const rows = Array.from({ length: count }, (_, offset) => cache.row(first + offset));
      const missing = rows.indexOf(undefined);
      for (let offset = missing; offset !== -1 && offset < count; offset += MAX_DATA_PAGE) {
        const page = await api.getTableData(tableId, first + offset, Math.min(MAX_DATA_PAGE, count - offset));
        page.rows.forEach((row, index) => {
          rows[offset + index] ??= row;
        });
      }
      return rows;
    },
    [api, tableId, cache],
  );

  const addRows = useCallback(
    async (data: Record<string, unknown>[]): Promise<string[]> => {
      const ids: string[] = [];
      await addRowsInBatches(api, tableId, data, {
        run: false,
        signal: new AbortController().signal,
        onProgress: () => {},
        onBatch: (batch) => ids.push(...batch),
      });
      return ids;
    },
    [api, tableId],
  );

  const removeRows = useCallback(
    async (ids: string[]) => {
      for (let start = 0; start < ids.length; start += MAX_ROWS_PER_DELETE) await api.deleteRows(tableId, ids.slice(start, start + MAX_ROWS_PER_DELETE));
    },
    [api, tableId],
  );

  /** Rows added by a change: undo deletes them, redo adds them again (under new ids). */
  const rowsAddedEntry = useCallback(
    (label: string, data: Record<string, unknown>[], ids: string[]): HistoryEntry => {
      let current = ids;
      return {
        label,
        undo: async () => {
          await removeRows(current);
          await onRowsChanged();
        },
        redo: async () => {
          current = await addRows(data);
          await onRowsChanged();
        },
      };
    },
    [removeRows, addRows, onRowsChanged],
  );

  const paste = useCallback(
    async (range: CellRange, text: string) => {
      const block = fromClipboardText(text);
      const plan = planPaste(range, block, gridColumns, rowCount);
      if (plan.targets.length === 0 && plan.newRows.length === 0) {
        notify('Nothing was pasted: only input columns can be written (computed columns are filled by runs).');
        return;
      }
      const rows = plan.targets.length === 0 ? [] : await rowsAt(range.top, Math.max(...plan.targets.map((target) => target.rowIndex)) - range.top + 1);
      const changes: InputChange[] = plan.targets.flatMap((target) => {
        const row = rows[target.rowIndex - range.top];
        return row ? [{ rowId: row.id, key: target.key, before: row.data[target.key]?.value ?? null, after: target.value }] : [];
      });
      const real = changes.filter((change) => (change.before ?? null) !== (change.after ?? null));
      if (real.length > 0) {
        await writeInputs(
          api,
          tableId,
          sink,
          real.map((change) => ({ rowId: change.rowId, key: change.key, value: change.after })),
        );
      }
      const entries: HistoryEntry[] = real.length > 0 ? [inputChangesEntry(api, tableId, sink, real, columnName, afterInputs)] : [];
      if (plan.newRows.length > 0) entries.push(rowsAddedEntry('', plan.newRows, await addRows(plan.newRows)));
      if (entries.length > 0) {
        history.record({
          label: plan.newRows.length > 0 ? `paste of ${countOf(block.length, 'line')}` : `paste into ${countOf(real.length, 'cell')}`,
          undo: async () => {
            for (const entry of [...entries].reverse()) await entry.undo();
          },
          redo: async () => {
            for (const entry of entries) await entry.redo();
          },
        });
      }
      if (plan.newRows.length > 0) await onRowsChanged();
      else afterInputs();
      const parts = [`Pasted ${countOf(real.length, 'cell')}`];
      if (plan.newRows.length > 0) parts.push(`added ${countOf(plan.newRows.length, 'row')}`);
      if (plan.droppedColumns > 0)
        parts.push(
          `${countOf(plan.droppedColumns, 'pasted column')} had no input column to go into (add input columns to the right, or use Add rows › Paste a list)`,
        );
      notify(`${parts.join('; ')}.`);
    },
    [gridColumns, rowCount, rowsAt, api, tableId, sink, columnName, afterInputs, rowsAddedEntry, addRows, history, onRowsChanged, notify],
  );

  const clear = useCallback(
    async (range: CellRange) => {
      const keys = gridColumns.slice(range.left, range.right + 1).flatMap((gridColumn) => (gridColumn.isInput ? [gridColumn.column.config.key] : []));
      if (keys.length === 0) return;
      const rows = await rowsAt(range.top, range.bottom - range.top + 1);
      const changes = rows.flatMap((row) => (row ? keys.map((key) => ({ rowId: row.id, key, before: row.data[key]?.value ?? null, after: null })) : []));
      await saveInputs(changes);
    },
    [gridColumns, rowsAt, saveInputs],
  );

  const deleteRows = useCallback(
    async (rowIds: string[]) => {
      const isUndoable = rowIds.length <= MAX_UNDOABLE_ROW_DELETE;
      // Their inputs are read before they go, so undo can bring them back.
      const saved: { data: Record<string, unknown>; metadata: unknown }[] = [];
      if (isUndoable) {
        const inMemory = new Map<string, TableDataRow>();
        for (let index = 0; index < rowCount; index++) {
          const row = cache.row(index);
          if (row && rowIds.includes(row.id)) inMemory.set(row.id, row);
          if (inMemory.size === rowIds.length) break;
        }
        // Rows scrolled out of memory are read by id, a few at a time.
        for (let start = 0; start < rowIds.length; start += ROWS_READ_AT_ONCE) {
          const batch = rowIds.slice(start, start + ROWS_READ_AT_ONCE);
          const rows = await Promise.all(batch.map((rowId) => inMemory.get(rowId) ?? api.getRow(tableId, rowId)));
          for (const row of rows) saved.push({ data: inputsOf(row, inputKeys), metadata: row.metadata ?? null });
        }
      }
      await removeRows(rowIds);
      if (isUndoable) {
        let current = rowIds;
        history.record({
          label: `deleting ${countOf(rowIds.length, 'row')}`,
          undo: async () => {
            const restored = await api.addRows(tableId, {
              rows: saved.map((row) => ({ data: row.data, metadata: row.metadata as Record<string, unknown> | null })),
            });
            current = restored.map((row) => row.id);
            await onRowsChanged();
          },
          redo: async () => {
            await removeRows(current);
            await onRowsChanged();
          },
        });
      }
      await onRowsChanged();
    },
    [rowCount, cache, api, tableId, inputKeys, removeRows, history, onRowsChanged],
  );

  const recordColumnEdit = useCallback(
    (columnId: string, before: Column['config'], after: Column['config']) => {
      history.record({
        label: `change to ${after.name}`,
        undo: async () => {
          await api.replaceColumn(tableId, columnId, before);
          await onRowsChanged();
        },
        redo: async () => {
          await api.replaceColumn(tableId, columnId, after);
          await onRowsChanged();
        },
      });
    },
    [history, api, tableId, onRowsChanged],
  );

  const recordColumnAdd = useCallback(
    (column: Column) => {
      let currentId = column.id;
      history.record({
        label: `adding ${column.config.name}`,
        undo: async () => {
          await api.deleteColumn(tableId, currentId);
          await onRowsChanged();
        },
        redo: async () => {
          const [added] = await api.addColumn(tableId, column.config);
          currentId = added!.id;
          await onRowsChanged();
        },
      });
    },
    [history, api, tableId, onRowsChanged],
  );

  const step = useCallback(
    async (direction: 'undo' | 'redo') => {
      try {
        const label = await (direction === 'undo' ? history.undo() : history.redo());
        notify(label === null ? `Nothing to ${direction}.` : `${direction === 'undo' ? 'Undid' : 'Redid'} ${label}.`);
      } catch (error) {
        notify(`Could not ${direction}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    [history, notify],
  );

  return {
    nextUndo: history.nextUndo,
    nextRedo: history.nextRedo,
    undo: () => step('undo'),
    redo: () => step('redo'),
    saveInputs,
    paste,
    clear,
    deleteRows,
    recordColumnEdit,
    recordColumnAdd,
  };
}
