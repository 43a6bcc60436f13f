import type { EngineChange } from '../store/store.ts';

/**
 * Wake-ups between the API and workers. Only a latency hint: workers poll as well, so a lost
 * signal delays work by one poll interval and never loses it.
 */
export interface QueueSignal {
  /** Cells were queued or became ready. */
  notifyCellsReady(): void;
  /** Register a worker's wake-up; returns an unsubscribe function. */
  onCellsReady(listener: () => void): () => void;
  /** Cells changed (ended, failed, retried): for live updates. */
  publishChange(change: EngineChange): void;
  onChange(listener: (change: EngineChange) => void): () => void;
  close(): Promise<void>;
}

/** Signals within one process (SQLite, or API and workers in one PostgreSQL process). */
export function createInProcessQueueSignal(): QueueSignal {
  const readyListeners = new Set<() => void>();
  const changeListeners = new Set<(change: EngineChange) => void>();
  return {
    notifyCellsReady: () =>
      readyListeners.forEach((listener) => {
        listener();
      }),
    onCellsReady: (listener) => {
      readyListeners.add(listener);
      return () => readyListeners.delete(listener);
    },
    publishChange: (change) =>
      changeListeners.forEach((listener) => {
        listener(change);
      }),
    onChange: (listener) => {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    close: async () => {
      readyListeners.clear();
      changeListeners.clear();
    },
  };
}
