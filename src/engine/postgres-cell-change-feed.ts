import type { Logger } from 'pino';
import type { CellKey } from '../store/queue-store.ts';
import { createInProcessCellChangeFeed, type CellChangeFeed } from './cell-change-feed.ts';
import type { PostgresNotifications } from './postgres-notifications.ts';

const CHANGE_CHANNEL = 'fathom_cells_changed';
// NOTIFY payloads are limited to 8,000 bytes; a row id is 39 bytes of JSON, and the table and
// column ids at the head of each payload about 80.
const ROWS_PER_NOTIFICATION = 190;
/** Changes published within this window leave in the same notifications (live updates batch 250 ms anyway). */
const COALESCE_MS = 10;

/**
 * Changed cells across processes through NOTIFY, so an API process streams the cells that
 * workers elsewhere ended. Only a process that serves the API listens: workers would parse
 * every other worker's changes for nothing. Changes are gathered for a few milliseconds and
 * sent per table and column (`[tableId, columnId, rowId, …]`): every NOTIFY takes PostgreSQL's
 * one notification-queue lock at commit, so one per batch of endings (as before, with a cell
 * key of three ids each) held four workers back (measured: ~1 NOTIFY per 50 cells).
 */
export function createPostgresCellChangeFeed(notifications: PostgresNotifications, options: { listens: boolean; logger: Logger }): CellChangeFeed {
  const local = createInProcessCellChangeFeed();
  if (options.listens) {
    notifications.listen(CHANGE_CHANNEL, {
      onNotification: (payload) => {
        let changedCells: CellKey[];
        try {
          const [tableId, columnId, ...rowIds] = JSON.parse(payload) as string[];
          changedCells = rowIds.map((rowId) => ({ tableId: tableId!, rowId, columnId: columnId! }));
        } catch (error) {
          options.logger.warn({ err: error, channel: CHANGE_CHANNEL }, 'change-notification-unreadable');
          return;
        }
        local.publish(changedCells);
      },
    });
  }
  // Row ids by table, then column, waiting for the next send.
  let pending = new Map<string, Map<string, Set<string>>>();
  let timer: NodeJS.Timeout | undefined;
  const send = () => {
    timer = undefined;
    const sending = pending;
    pending = new Map();
    for (const [tableId, columns] of sending) {
      for (const [columnId, rows] of columns) {
        const rowIds = [...rows];
        for (let index = 0; index < rowIds.length; index += ROWS_PER_NOTIFICATION) {
          notifications.notify(CHANGE_CHANNEL, JSON.stringify([tableId, columnId, ...rowIds.slice(index, index + ROWS_PER_NOTIFICATION)]));
        }
      }
    }
  };
  return {
    publish: (changedCells) => {
      for (const { tableId, rowId, columnId } of changedCells) {
        const columns = pending.get(tableId) ?? new Map<string, Set<string>>();
        pending.set(tableId, columns);
        const rows = columns.get(columnId) ?? new Set<string>();
        columns.set(columnId, rows);
        rows.add(rowId);
      }
      if (changedCells.length > 0 && !timer) timer = setTimeout(send, COALESCE_MS);
    },
    subscribe: (listener) => local.subscribe(listener),
  };
}
