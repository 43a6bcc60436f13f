import type { Logger } from 'pino';
import type { CellKey } from '../store/queue-store.ts';
import { createInProcessCellChangeFeed, type CellChangeFeed } from './cell-change-feed.ts';
import type { PostgresNotifications } from './postgres-notifications.ts';

const CHANGE_CHANNEL = 'fathom_cells_changed';
// NOTIFY payloads are limited to 8,000 bytes; a cell key is three UUIDs, about 118 bytes of JSON.
const KEYS_PER_NOTIFICATION = 50;

/**
 * Changed cells across processes through NOTIFY, so an API process streams the cells that
 * workers elsewhere ended. Only a process that serves the API listens: workers would parse
 * every other worker's changes for nothing.
 */
export function createPostgresCellChangeFeed(notifications: PostgresNotifications, options: { listens: boolean; logger: Logger }): CellChangeFeed {
  const local = createInProcessCellChangeFeed();
  if (options.listens) {
    notifications.listen(CHANGE_CHANNEL, {
      onNotification: (payload) => {
        let changedCells: CellKey[];
        try {
          changedCells = (JSON.parse(payload) as [string, string, string][]).map(([tableId, rowId, columnId]) => ({ tableId, rowId, columnId }));
        } catch (error) {
          options.logger.warn({ err: error, channel: CHANGE_CHANNEL }, 'change-notification-unreadable');
          return;
        }
        local.publish(changedCells);
      },
    });
  }
  return {
    publish: (changedCells) => {
      const keys = changedCells.map(({ tableId, rowId, columnId }) => [tableId, rowId, columnId]);
      for (let index = 0; index < keys.length; index += KEYS_PER_NOTIFICATION) {
        notifications.notify(CHANGE_CHANNEL, JSON.stringify(keys.slice(index, index + KEYS_PER_NOTIFICATION)));
      }
    },
    subscribe: (listener) => local.subscribe(listener),
  };
}
