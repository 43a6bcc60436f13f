import type { TableDataRow } from '../api/api-types.ts';
import type { FathomApi } from '../api/fathom-api.ts';
import { MAX_ROWS_PER_REQUEST } from '../api/fathom-api.ts';
import { countOf } from '../common/counts.ts';
import type { HistoryEntry } from './edit-history.ts';

/** One input cell's change: its value before and after (null is empty). */
export interface InputChange {
  rowId: string;
  key: string;
  before: unknown;
  after: unknown;
}

/** Where written rows go: the grid's rows in memory. */
export interface RowSink {
  replaceRow(row: Pick<TableDataRow, 'id' | 'data'>): void;
}

/**
 * Write input values, grouped by row, at most 1,000 rows a request (the server's limit); the rows
 * the server answers with replace those in memory, so dependants shown as out of date and cleared
 * answers appear at once. `null` empties a cell.
 */
export async function writeInputs(api: FathomApi, tableId: string, sink: RowSink, values: { rowId: string; key: string; value: unknown }[]): Promise<void> {
  const byRow = new Map<string, Record<string, unknown>>();
  for (const { rowId, key, value } of values) byRow.set(rowId, { ...byRow.get(rowId), [key]: value });
  const rows = [...byRow].map(([id, data]) => ({ id, data }));
  for (let start = 0; start < rows.length; start += MAX_ROWS_PER_REQUEST) {
    const updated = await api.updateRows(tableId, { rows: rows.slice(start, start + MAX_ROWS_PER_REQUEST) });
    for (const row of updated) sink.replaceRow(row);
  }
}

/** The undo entry of input changes: undo writes the values before, redo the values after. */
export function inputChangesEntry(
  api: FathomApi,
  tableId: string,
  sink: RowSink,
  changes: InputChange[],
  columnName: (key: string) => string,
  onChanged: () => void,
): HistoryEntry {
  const keys = [...new Set(changes.map((change) => change.key))];
  const label = changes.length === 1 ? `edit of ${columnName(changes[0]!.key)}` : `${countOf(changes.length, 'cell')} of ${keys.map(columnName).join(', ')}`;
  const write = async (side: 'before' | 'after') => {
    await writeInputs(
      api,
      tableId,
      sink,
      changes.map((change) => ({ rowId: change.rowId, key: change.key, value: change[side] ?? null })),
    );
    onChanged();
  };
  return { label, undo: () => write('before'), redo: () => write('after') };
}
