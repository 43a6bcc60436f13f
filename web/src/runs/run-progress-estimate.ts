import type { TableStatus } from '../api/api-types.ts';

/** One observation of the table status while a run goes. */
export interface ProgressSample {
  /** Milliseconds (performance.now or Date.now; only differences matter). */
  time: number;
  completed: number;
}

export interface RunProgress {
  /** Cells finished since the run was first seen. */
  finished: number;
  /** Cells queued or running now. */
  remaining: number;
  /** 0…1 of `finished + remaining`. */
  fraction: number;
  failed: number;
  /** Seconds until `remaining` reaches 0 at the recent pace, or null while the pace is unknown. */
  secondsLeft: number | null;
}

/** The pace is measured over this much recent history, so a slow start does not skew the estimate forever. */
const RATE_WINDOW_MS = 60_000;
/** Fewer than this many milliseconds of history is too little to say anything. */
const MIN_HISTORY_MS = 2_000;

/**
 * Progress of the current run from the table's `status` block, which counts every computed cell
 * of the table: `baseline` is `num_cells_completed` when the run was first seen, so cells
 * finished by earlier runs are not counted as progress.
 */
export function estimateRunProgress(status: TableStatus, baseline: number, samples: readonly ProgressSample[]): RunProgress {
  const finished = Math.max(0, status.num_cells_completed - baseline);
  const remaining = status.num_cells_in_progress;
  const total = finished + remaining;
  return {
    finished,
    remaining,
    fraction: total === 0 ? 1 : finished / total,
    failed: status.num_cells_failed,
    secondsLeft: estimateSecondsLeft(remaining, samples),
  };
}

function estimateSecondsLeft(remaining: number, samples: readonly ProgressSample[]): number | null {
  if (remaining === 0) return 0;
  const latest = samples.at(-1);
  if (!latest) return null;
  const oldest = samples.find((sample) => latest.time - sample.time <= RATE_WINDOW_MS) ?? latest;
  const elapsed = latest.time - oldest.time;
  const completed = latest.completed - oldest.completed;
  if (elapsed < MIN_HISTORY_MS || completed <= 0) return null;
  return remaining / (completed / elapsed) / 1_000;
}

/** "about 3 min left", "less than a minute left". */
export function describeTimeLeft(seconds: number | null): string {
  if (seconds === null) return 'estimating time left…';
  if (seconds < 60) return 'less than a minute left';
  if (seconds < 3_600) return `about ${Math.round(seconds / 60)} min left`;
  const hours = Math.floor(seconds / 3_600);
  return `about ${hours} h ${Math.round((seconds % 3_600) / 60)} min left`;
}
