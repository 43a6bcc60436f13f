import { useRef } from 'react';
import type { TableStatus } from '../api/api-types.ts';
import { estimateRunProgress, type ProgressSample, type RunProgress } from './run-progress-estimate.ts';

/** Samples kept for the pace; older ones fall outside the estimate's window anyway. */
const MAX_SAMPLES = 120;

/** Progress of the run going on now, or null when the table is idle. */
export function useRunProgress(status: TableStatus): RunProgress | null {
  const tracking = useRef<{ baseline: number; samples: ProgressSample[] } | null>(null);
  if (status.run_status !== 'running') {
    tracking.current = null;
    return null;
  }
  if (!tracking.current) tracking.current = { baseline: status.num_cells_completed, samples: [] };
  const samples = tracking.current.samples;
  if (samples.at(-1)?.completed !== status.num_cells_completed) {
    samples.push({ time: performance.now(), completed: status.num_cells_completed });
    if (samples.length > MAX_SAMPLES) samples.shift();
  }
  return estimateRunProgress(status, tracking.current.baseline, samples);
}
