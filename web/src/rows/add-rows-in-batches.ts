import type { FathomApi } from '../api/fathom-api.ts';
import { MAX_ROWS_PER_REQUEST } from '../api/fathom-api.ts';

export interface AddRowsOptions {
  /** Queue the new rows' cells at once (`run: true`). */
  run: boolean;
  onProgress(added: number, total: number): void;
  /** The ids of each batch as it is stored. */
  onBatch?(rowIds: string[]): void;
  signal: AbortSignal;
}

/**
 * Add rows in requests of at most 1,000 (the server's limit), one after another so the server
 * keeps their order. Stops at the first failure; rows already added stay, and the count says how many.
 */
export async function addRowsInBatches(api: FathomApi, tableId: string, rows: Record<string, unknown>[], options: AddRowsOptions): Promise<number> {
  let added = 0;
  options.onProgress(0, rows.length);
  for (let start = 0; start < rows.length; start += MAX_ROWS_PER_REQUEST) {
    if (options.signal.aborted) break;
    const batch = rows.slice(start, start + MAX_ROWS_PER_REQUEST).map((data) => ({ data }));
    const stored = await api.addRows(tableId, { rows: batch, run: options.run });
    options.onBatch?.(stored.map((row) => row.id));
    added += batch.length;
    options.onProgress(added, rows.length);
  }
  return added;
}
