/**
 * Wakes idle workers when cells were queued or became ready. Only a latency hint: workers poll
 * as well, so a lost wake-up delays work by one poll interval and never loses it.
 */
export interface WorkerWakeUp {
  /** Cells were queued or became ready: wake the workers (in this process, and on PostgreSQL in every process). */
  notifyCellsReady(): void;
  /** Register a worker's wake-up; returns an unsubscribe function. */
  onCellsReady(listener: () => void): () => void;
}

/** Wake-ups within one process (SQLite, or the listeners behind a PostgreSQL channel). */
export function createInProcessWorkerWakeUp(): WorkerWakeUp {
  const listeners = new Set<() => void>();
  return {
    notifyCellsReady: () => {
      for (const listener of listeners) listener();
    },
    onCellsReady: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
