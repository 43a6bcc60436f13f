/** A count of work done out of a total, e.g. cells computed or rows imported. */
export interface ProgressSnapshot {
  done: number;
  total: number;
  /** Shown when above 0 (failed cells). */
  failed?: number;
}

export interface ProgressLine {
  /** Show the latest counts. */
  update(snapshot: ProgressSnapshot): void;
  /** Finish the line and print `message` (if any) on its own line. */
  end(message?: string): void;
}

export interface ProgressLineOptions {
  /** What is counted, plural: "cells", "rows". */
  unit: string;
  stream?: NodeJS.WriteStream;
  /** Redraw one line in place (a terminal) or append plain lines (a log, a pipe). Default: the stream's isTTY. */
  isInteractive?: boolean;
  /** Plain output prints at most one line per this many ms, plus the last; default 1,000. */
  plainIntervalMs?: number;
  now?: () => number;
}

const RATE_WINDOW_MS = 10_000;
const BAR_WIDTH = 24;

/**
 * A live progress line with counts, rate and ETA. On a terminal it redraws itself in place; in a
 * pipe or CI log it writes plain, throttled lines without escape codes, so logs stay readable.
 */
export function createProgressLine(options: ProgressLineOptions): ProgressLine {
  const stream = options.stream ?? process.stderr;
  const isInteractive = options.isInteractive ?? Boolean(stream.isTTY);
  const now = options.now ?? Date.now;
  const plainIntervalMs = options.plainIntervalMs ?? 1_000;
  const samples: { at: number; done: number }[] = [];
  let lastPlainAt = -Infinity;
  let lastPlainCounts = '';
  let hasDrawn = false;

  return {
    update(snapshot) {
      const at = now();
      samples.push({ at, done: snapshot.done });
      // Keep one sample older than the window, so the rate always spans the whole window.
      while (samples.length > 2 && samples[1]!.at < at - RATE_WINDOW_MS) samples.shift();
      const text = progressText(snapshot, options.unit, ratePerSecond(samples), isInteractive);
      if (isInteractive) {
        stream.write(`\r\x1b[2K${text}`);
        hasDrawn = true;
      } else {
        // A log gets a line when the counts changed and a second has passed (or the work is done).
        const counts = `${snapshot.done}/${snapshot.total}/${snapshot.failed ?? 0}`;
        const isDue = at - lastPlainAt >= plainIntervalMs || snapshot.done >= snapshot.total;
        if (isDue && counts !== lastPlainCounts) {
          stream.write(`${text}\n`);
          lastPlainAt = at;
          lastPlainCounts = counts;
        }
      }
    },
    end(message) {
      if (isInteractive && hasDrawn) stream.write('\n');
      if (message) stream.write(`${message}\n`);
    },
  };
}

/** Units per second over the samples, or undefined until two samples exist. */
function ratePerSecond(samples: { at: number; done: number }[]): number | undefined {
  if (samples.length < 2) return undefined;
  const first = samples[0]!;
  const last = samples.at(-1)!;
  const seconds = (last.at - first.at) / 1000;
  return seconds > 0 ? Math.max(0, (last.done - first.done) / seconds) : undefined;
}

/** `[████░░░░] 42% 4,200/10,000 rows · 3 failed · 1,234 rows/s · ETA 5s` (the bar only on a terminal). */
export function progressText(snapshot: ProgressSnapshot, unit: string, rate: number | undefined, withBar: boolean): string {
  const fraction = snapshot.total > 0 ? Math.min(1, snapshot.done / snapshot.total) : 1;
  const parts = [`${Math.floor(fraction * 100)}% ${formatCount(snapshot.done)}/${formatCount(snapshot.total)} ${unit}`];
  if (snapshot.failed) parts.push(`${formatCount(snapshot.failed)} failed`);
  if (rate !== undefined && rate > 0) parts.push(`${formatCount(Math.round(rate))} ${unit}/s`);
  const remaining = snapshot.total - snapshot.done;
  if (remaining > 0 && rate !== undefined && rate > 0) parts.push(`ETA ${formatDuration(remaining / rate)}`);
  const text = parts.join(' · ');
  if (!withBar) return text;
  const filled = Math.round(fraction * BAR_WIDTH);
  return `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${text}`;
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** 42s, 3m05s, 1h02m. */
export function formatDuration(seconds: number): string {
  const whole = Math.ceil(seconds);
  if (whole < 60) return `${whole}s`;
  if (whole < 3600) return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(whole / 3600)}h${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')}m`;
}
