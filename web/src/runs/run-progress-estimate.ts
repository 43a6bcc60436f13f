import type { Run } from '../api/api-types.ts';

/** One observation of the runs' progress. */
export interface ProgressSample {
  /** Milliseconds (performance.now or Date.now; only differences matter). */
  time: number;
  /** Cells finished (done or failed) by then. */
  finished: number;
}

export interface RunProgress {
  /** Cells of the active runs answered so far. */
  done: number;
  failed: number;
  /** Done + failed. */
  finished: number;
  /** Cells queued or running now. */
  remaining: number;
  /** Finished + remaining: everything the runs asked for that is still theirs. */
  total: number;
  /** 0…1 of `total`. */
  fraction: number;
  /** Seconds until `remaining` reaches 0 at the recent pace, or null while the pace is unknown. */
  secondsLeft: number | null;
}

/** The pace is measured over this much recent history, so a slow start does not skew the estimate forever. */
const RATE_WINDOW_MS = 60_000;
/** Fewer than this many milliseconds of history is too little to say anything. */
const MIN_HISTORY_MS = 2_000;

/**
 * Progress of the runs going on now, from the runs' own counts (GET …/runs): what each run has
 * done, failed and still has to do. A page opened mid-run therefore shows the whole run, not only
 * what finished since it was opened.
 */
export function estimateRunProgress(runs: readonly Run[], samples: readonly ProgressSample[]): RunProgress {
  const done = runs.reduce((sum, run) => sum + run.num_cells_done, 0);
  const failed = runs.reduce((sum, run) => sum + run.num_cells_failed, 0);
  const remaining = runs.reduce((sum, run) => sum + run.num_cells_remaining, 0);
  const finished = done + failed;
  const total = finished + remaining;
  return { done, failed, finished, remaining, total, fraction: total === 0 ? 1 : finished / total, secondsLeft: estimateSecondsLeft(remaining, samples) };
}

function estimateSecondsLeft(remaining: number, samples: readonly ProgressSample[]): number | null {
  if (remaining === 0) return 0;
  const latest = samples.at(-1);
  if (!latest) return null;
  const oldest = samples.find((sample) => latest.time - sample.time <= RATE_WINDOW_MS) ?? latest;
  const elapsed = latest.time - oldest.time;
  const finished = latest.finished - oldest.finished;
  if (elapsed < MIN_HISTORY_MS || finished <= 0) return null;
  return remaining / (finished / elapsed) / 1_000;
}

/** "about 3 min left", "less than a minute left". */
export function describeTimeLeft(seconds: number | null): string {
  if (seconds === null) return 'estimating time left…';
  if (seconds < 60) return 'less than a minute left';
  if (seconds < 3_600) return `about ${Math.round(seconds / 60)} min left`;
  const hours = Math.floor(seconds / 3_600);
  return `about ${hours} h ${Math.round((seconds % 3_600) / 60)} min left`;
}

/** "42 s", "3 min 5 s", "1 h 2 min". */
export function describeDuration(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.round(seconds * 10) / 10)} s`;
  const whole = Math.round(seconds);
  if (whole < 3_600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  return `${Math.floor(whole / 3_600)} h ${Math.floor((whole % 3_600) / 60)} min`;
}

/** "2.3M tokens" style counts for the summary: exact under 10,000, compact above. */
export function describeAmount(value: number): string {
  return value < 10_000 ? value.toLocaleString() : new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
