import type { CellKey } from '../store/queue-store.ts';

/**
 * Which cells changed (ended, failed, retried, requeued), for live updates of the grid. Like
 * the wake-up it is a hint: the event stream also polls the table's status.
 */
export interface CellChangeFeed {
  /** Tell subscribers (in this process, and on PostgreSQL in every API process) that these cells changed. */
  publish(changedCells: CellKey[]): void;
  /** Register a subscriber; returns an unsubscribe function. */
  subscribe(listener: (changedCells: CellKey[]) => void): () => void;
}

/** A feed within one process (SQLite, or the subscribers behind a PostgreSQL channel). */
export function createInProcessCellChangeFeed(): CellChangeFeed {
  const listeners = new Set<(changedCells: CellKey[]) => void>();
  return {
    publish: (changedCells) => {
      if (changedCells.length === 0) return;
      for (const listener of listeners) listener(changedCells);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
