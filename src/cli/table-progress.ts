import type { FathomClient, TableStatus, TableWithStatus } from '../sdk/index.ts';
import { createProgressLine, formatCount } from './progress-line.ts';

export interface WatchTableOptions {
  /** Time between status polls. */
  intervalMs: number;
  /** Give up after this long (FathomWaitTimeoutError); undefined waits as long as it takes. */
  timeoutMs?: number;
  /** Where the progress goes; default stderr (stdout may carry JSON). */
  stream?: NodeJS.WriteStream;
  /** Force the live line on or off; default: whether the stream is a terminal. */
  isInteractive?: boolean;
}

/**
 * Wait until the table is idle, drawing the computed-cell progress (on stderr unless told otherwise). The total is what
 * was done plus what is still queued or running, so it grows if another run starts meanwhile.
 */
export async function watchTable(client: FathomClient, tableId: string, options: WatchTableOptions): Promise<TableWithStatus> {
  const line = createProgressLine({ unit: 'cells', stream: options.stream, isInteractive: options.isInteractive });
  let hasEnded = false;
  try {
    const table = await client.waitForIdle(tableId, {
      intervalMs: options.intervalMs,
      timeoutMs: options.timeoutMs,
      onProgress: ({ status }) => line.update(snapshotOf(status)),
    });
    line.end(`table ${tableId} is idle: ${summarizeStatus(table.status)}`);
    hasEnded = true;
    return table;
  } finally {
    if (!hasEnded) line.end();
  }
}

function snapshotOf(status: TableStatus) {
  return { done: status.num_cells_completed, total: status.num_cells_completed + status.num_cells_in_progress, failed: status.num_cells_failed };
}

/** `1,000 rows · 2,990 cells done · 10 failed`. */
export function summarizeStatus(status: TableStatus): string {
  const done = status.num_cells_completed - status.num_cells_failed;
  return `${formatCount(status.num_rows)} rows · ${formatCount(done)} cells done · ${formatCount(status.num_cells_failed)} failed`;
}
