import { abortableSleep } from './abortable-sleep.ts';
import type { TableStatus, TableWithStatus } from './api-types.ts';
import { FathomWaitTimeoutError } from './fathom-errors.ts';
import type { TableEndpoints } from './table-endpoints.ts';

/** One poll of `waitForIdle`. */
export interface IdleProgress {
  /** The table's `status` counts at this poll. */
  status: TableStatus;
  /** The whole table as GET /v1/tables/{table_id} answered it. */
  table: TableWithStatus;
  /** Time since waiting started. */
  elapsedMs: number;
}

export interface WaitForIdleOptions {
  /** Time between polls; default 2,000 ms. */
  intervalMs?: number;
  /** Give up (FathomWaitTimeoutError) after this long; default: wait as long as it takes. */
  timeoutMs?: number;
  /** Called after every poll, including the last one. */
  onProgress?: (progress: IdleProgress) => void;
  /** Stops waiting (rejects with the signal's reason). */
  signal?: AbortSignal;
}

const DEFAULT_INTERVAL_MS = 2_000;

/** The vendor CLI's test: a table is done when nothing is running and no cell is queued or running. */
export function isIdle(status: TableStatus): boolean {
  return status.run_status === 'idle' && status.num_cells_in_progress === 0;
}

/** Poll GET /v1/tables/{table_id} until the table is idle; answers the last table read. */
export async function waitForIdle(tables: Pick<TableEndpoints, 'get'>, tableId: string, options: WaitForIdleOptions = {}): Promise<TableWithStatus> {
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const started = Date.now();
  const deadline = options.timeoutMs === undefined ? Infinity : started + options.timeoutMs;
  let table: TableWithStatus | undefined;
  for (;;) {
    table = await tables.get(tableId);
    options.onProgress?.({ status: table.status, table, elapsedMs: Date.now() - started });
    if (isIdle(table.status)) return table;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new FathomWaitTimeoutError(tableId, options.timeoutMs!, table);
    await abortableSleep(Math.min(intervalMs, remaining), options.signal);
  }
}
