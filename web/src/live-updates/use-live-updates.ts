import { useEffect, useRef, useState } from 'react';
import type { TableStatus } from '../api/api-types.ts';
import type { FathomApi } from '../api/fathom-api.ts';
import type { RowPageCache } from '../grid/row-page-cache.ts';
import { followTableEvents } from './table-events.ts';

/** How the grid learns about changes: pushed by the server, or polled because the server cannot push. */
export type LiveUpdateMode = 'connecting' | 'pushed' | 'polling';

/** While a run goes and the server cannot push, the rows on screen (only those) are fetched again this often. */
export const POLL_INTERVAL_MS = 2_000;

export interface LiveUpdateOptions {
  api: FathomApi;
  tableId: string;
  cache: RowPageCache;
  /** False until the table is known to exist: a 404 from the stream must mean "no events endpoint", not "no table". */
  isEnabled: boolean;
  isRunning: boolean;
  onStatus(status: TableStatus): void;
}

/**
 * Keep the grid current while cells change: follow the table's event stream; if the server has
 * none (404), re-fetch the visible page every 2 s while `run_status` is running. The whole table
 * is never polled.
 */
export function useLiveUpdates({ api, tableId, cache, isEnabled, isRunning, onStatus }: LiveUpdateOptions): LiveUpdateMode {
  const [mode, setMode] = useState<LiveUpdateMode>('connecting');
  const statusHandler = useRef(onStatus);
  statusHandler.current = onStatus;

  useEffect(() => {
    if (!isEnabled) return;
    const controller = new AbortController();
    let connections = 0;
    void followTableEvents(
      api,
      tableId,
      {
        onCells: (cells, status) => {
          cache.applyCellChanges(cells);
          if (status) statusHandler.current(status);
        },
        onStatus: (status) => statusHandler.current(status),
        onConnected: () => {
          setMode('pushed');
          // After a reconnect, changes made while the stream was down were never pushed: read the screen again.
          if (++connections > 1) void cache.refreshShown();
        },
        onUnavailable: () => setMode('polling'),
      },
      controller.signal,
    );
    return () => controller.abort();
  }, [api, tableId, cache, isEnabled]);

  useEffect(() => {
    if (mode !== 'polling' || !isRunning) return;
    let timer: ReturnType<typeof setTimeout>;
    let isStopped = false;
    // Chained timeouts, not an interval: a slow answer never has a second request queued behind it.
    const poll = () => {
      timer = setTimeout(async () => {
        await cache.refreshShown();
        if (!isStopped) poll();
      }, POLL_INTERVAL_MS);
    };
    poll();
    return () => {
      isStopped = true;
      clearTimeout(timer);
    };
  }, [mode, isRunning, cache]);

  return mode;
}
