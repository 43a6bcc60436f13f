import type { Logger } from 'pino';
import type { EngineChange } from '../store/queue-store.ts';
import type { CellChangeFeed } from './cell-change-feed.ts';
import type { WorkerWakeUp } from './worker-wake-up.ts';

/** Where what the engine changed is told. */
export interface EngineChangeOutlets {
  wakeUp: WorkerWakeUp;
  changeFeed: CellChangeFeed;
  logger: Logger;
}

/**
 * Tell everyone what an engine write changed: wake workers for cells that became ready, stream
 * the changed cells, and log each failed cell and each ended run. The store lists only what it
 * really changed, so each failed cell and each ended run is logged exactly once.
 */
export function reportEngineChange(outlets: EngineChangeOutlets, change: EngineChange): void {
  if (change.newlyReady > 0) outlets.wakeUp.notifyCellsReady();
  outlets.changeFeed.publish(change.changedCells);
  for (const cell of change.failedCells) {
    outlets.logger.warn({ tableId: cell.tableId, runId: cell.runId, rowId: cell.rowId, columnId: cell.columnId, error: cell.error }, 'cell-failed');
  }
  for (const run of change.endedRuns) outlets.logger.info({ tableId: run.tableId, runId: run.runId, status: run.status }, 'run-ended');
}

/** The ids a log line about these cells names. */
export function cellIds(cells: readonly { tableId: string; runId: string | null; rowId: string; columnId: string }[]) {
  return cells.map((cell) => ({ tableId: cell.tableId, runId: cell.runId, rowId: cell.rowId, columnId: cell.columnId }));
}
