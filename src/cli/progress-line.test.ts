import { describe, expect, it } from 'vitest';
import { createProgressLine, formatDuration, progressText } from './progress-line.ts';

/** A stand-in for stderr that records what was written. */
function recordingStream() {
  const chunks: string[] = [];
  return { chunks, stream: { write: (chunk: string) => chunks.push(chunk) > 0, isTTY: false } as unknown as NodeJS.WriteStream };
}

describe('progressText', () => {
  it('shows counts, failures, rate and ETA; the bar only for a terminal', () => {
    expect(progressText({ done: 4_200, total: 10_000, failed: 3 }, 'rows', 1_234.4, false)).toBe('42% 4,200/10,000 rows · 3 failed · 1,234 rows/s · ETA 5s');
    expect(progressText({ done: 4_200, total: 10_000 }, 'rows', undefined, true)).toBe(`[${'█'.repeat(10)}${'░'.repeat(14)}] 42% 4,200/10,000 rows`);
    expect(progressText({ done: 0, total: 0 }, 'cells', 0, false)).toBe('100% 0/0 cells');
  });

  it('formats durations', () => {
    expect([formatDuration(41.2), formatDuration(185), formatDuration(3_720)]).toEqual(['42s', '3m05s', '1h02m']);
  });
});

describe('createProgressLine', () => {
  it('redraws one line in place on a terminal, and ends it with a newline and the message', () => {
    let now = 0;
    const { chunks, stream } = recordingStream();
    const line = createProgressLine({ unit: 'cells', stream, isInteractive: true, now: () => now });
    line.update({ done: 0, total: 100 });
    now = 2_000;
    line.update({ done: 50, total: 100 });
    line.end('done');
    expect(chunks[0]).toMatch(/^\r\x1b\[2K\[░+\] 0% 0\/100 cells$/);
    expect(chunks[1]).toContain('50% 50/100 cells · 25 cells/s · ETA 2s');
    expect(chunks.slice(2)).toEqual(['\n', 'done\n']);
  });

  it('writes plain lines without escape codes, at most one per interval, always the last one', () => {
    let now = 0;
    const { chunks, stream } = recordingStream();
    const line = createProgressLine({ unit: 'rows', stream, plainIntervalMs: 1_000, now: () => now });
    line.update({ done: 10, total: 100 });
    now = 500;
    line.update({ done: 20, total: 100 });
    now = 1_200;
    line.update({ done: 30, total: 100 });
    now = 1_300;
    line.update({ done: 100, total: 100 });
    line.update({ done: 100, total: 100 });
    line.end();
    expect(chunks.join('')).not.toContain('\x1b');
    expect(chunks.map((chunk) => chunk.split(' ')[1])).toEqual(['10/100', '30/100', '100/100']);
  });
});
