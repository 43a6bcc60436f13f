import { useCallback, useEffect, useRef, useState } from 'react';
import type { Run, TableStatus } from '../api/api-types.ts';
import type { FathomApi } from '../api/fathom-api.ts';
import { estimateRunProgress, type ProgressSample, type RunProgress } from './run-progress-estimate.ts';

/** While a run goes, its counts are read this often. */
export const RUN_POLL_INTERVAL_MS = 2_000;
/** Samples kept for the pace; older ones fall outside the estimate's window anyway. */
const MAX_SAMPLES = 120;

export function isActiveRun(run: Pick<Run, 'status'>): boolean {
  return run.status === 'created' || run.status === 'in_progress';
}

export interface RunTracking {
  /** The runs going on now, as last read; null before the first read. */
  active: Run[] | null;
  /** Their progress, or null when none goes. */
  progress: RunProgress | null;
  /** Runs that ended while this page watched them, for the summary; empty once dismissed. */
  ended: Run[];
  dismissEnded(): void;
  /** Read the runs again now (after starting or cancelling one). */
  refresh(): void;
}

/**
 * The runs of a table, followed from their own objects (GET …/runs): read at once when the page
 * opens (a page opened mid-run shows the run's real progress), every 2 s while the table runs,
 * and once more when it goes idle, so each run the page saw end leaves a summary.
 */
export function useRunTracking(api: FathomApi, tableId: string, status: TableStatus): RunTracking {
  const [active, setActive] = useState<Run[] | null>(null);
  const [ended, setEnded] = useState<Run[]>([]);
  const [generation, setGeneration] = useState(0);
  const watched = useRef(new Set<string>());
  const samples = useRef<ProgressSample[]>([]);
  const isRunning = status.run_status === 'running';

  const read = useCallback(
    async (signal: AbortSignal) => {
      const runs = await api.listRuns(tableId, signal);
      if (signal.aborted) return;
      const going = runs.filter(isActiveRun);
      const justEnded = runs.filter((run) => watched.current.has(run.id) && !isActiveRun(run));
      for (const run of justEnded) watched.current.delete(run.id);
      for (const run of going) watched.current.add(run.id);
      if (justEnded.length > 0) setEnded((current) => [...current.filter((run) => !justEnded.some((other) => other.id === run.id)), ...justEnded]);
      setActive(going);
      const progress = estimateRunProgress(going, []);
      if (going.length === 0) samples.current = [];
      else if (samples.current.at(-1)?.finished !== progress.finished) {
        samples.current.push({ time: performance.now(), finished: progress.finished });
        if (samples.current.length > MAX_SAMPLES) samples.current.shift();
      }
    },
    [api, tableId],
  );

  // Read now, and again every 2 s while the table runs (or a run is known to go); one more read
  // after it goes idle catches the runs' final counts.
  const hasActive = active !== null && active.length > 0;
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        await read(controller.signal);
      } catch {
        // A failed read keeps the last counts; the next poll tries again.
      }
      if (!controller.signal.aborted && (isRunning || hasActive)) timer = setTimeout(poll, RUN_POLL_INTERVAL_MS);
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [read, isRunning, hasActive, generation]);

  const dismissEnded = useCallback(() => setEnded([]), []);
  const refresh = useCallback(() => setGeneration((value) => value + 1), []);
  const progress = active && active.length > 0 ? estimateRunProgress(active, samples.current) : null;
  return { active, progress, ended, dismissEnded, refresh };
}
