import type { PostgresNotifications } from './postgres-notifications.ts';
import { createInProcessWorkerWakeUp, type WorkerWakeUp } from './worker-wake-up.ts';

const READY_CHANNEL = 'fathom_cells_ready';

/**
 * Wake-ups across processes through NOTIFY. Only a process that runs workers listens: an API
 * process sends wake-ups and has nothing to wake.
 */
export function createPostgresWorkerWakeUp(notifications: PostgresNotifications, options: { listens: boolean }): WorkerWakeUp {
  const local = createInProcessWorkerWakeUp();
  if (options.listens) {
    notifications.listen(READY_CHANNEL, {
      onNotification: () => local.notifyCellsReady(),
      // Anything queued while we were not listening would wait for the next poll; waking now shortens that.
      onListening: () => local.notifyCellsReady(),
    });
  }
  return {
    notifyCellsReady: () => notifications.notify(READY_CHANNEL, ''),
    onCellsReady: (listener) => local.onCellsReady(listener),
  };
}
