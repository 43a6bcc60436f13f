import { describe, expect, it } from 'vitest';
import type { Run } from '../api/api-types.ts';
import { describeDuration, describeTimeLeft, estimateRunProgress } from './run-progress-estimate.ts';

function run(done: number, failed: number, remaining: number): Run {
  return {
    id: 'r',
    created_at: '2026-01-01T00:00:00Z',
    status: 'in_progress',
    rows: null,
    columns: null,
    num_requested_cells: done + failed + remaining,
    mode: 'new',
    updated_at: '2026-01-01T00:00:00Z',
    ended_at: null,
    num_cells_done: done,
    num_cells_failed: failed,
    num_cells_remaining: remaining,
    duration_seconds: 10,
    usage: { model_calls: 0, input_tokens: 0, output_tokens: 0, cost: 0, unpriced_cells: 0 },
    max_cost: null,
    max_cells: null,
    status_reason: null,
    status_message: null,
  };
}

describe('estimateRunProgress', () => {
  it('counts the runs’ own cells, so a page opened mid-run shows the whole run', () => {
    // 1,300 of 17,409 finished before the page opened: the bar starts there, not at 0.
    expect(estimateRunProgress([run(1_250, 50, 16_109)], [])).toMatchObject({ done: 1_250, failed: 50, finished: 1_300, remaining: 16_109, total: 17_409 });
    expect(estimateRunProgress([run(10, 0, 10), run(5, 5, 0)], []).fraction).toBeCloseTo(20 / 30);
  });

  it('estimates the time left from the recent pace', () => {
    const samples = [
      { time: 0, finished: 100 },
      { time: 10_000, finished: 120 },
    ];
    // 20 cells in 10 s is 2 cells/s; 60 left is 30 s.
    expect(estimateRunProgress([run(120, 0, 60)], samples).secondsLeft).toBeCloseTo(30);
  });

  it('says nothing about time left before there is enough history', () => {
    expect(
      estimateRunProgress(
        [run(101, 0, 60)],
        [
          { time: 0, finished: 100 },
          { time: 500, finished: 101 },
        ],
      ).secondsLeft,
    ).toBeNull();
  });

  it('forgets history older than a minute, so a slow start does not skew the estimate', () => {
    const samples = [
      { time: 0, finished: 0 },
      { time: 100_000, finished: 10 },
      { time: 110_000, finished: 110 },
    ];
    // Over the last minute: 100 cells in 10 s; 50 left is 5 s.
    expect(estimateRunProgress([run(110, 0, 50)], samples).secondsLeft).toBeCloseTo(5);
  });

  it('describes the time left and durations in words', () => {
    expect(describeTimeLeft(null)).toBe('estimating time left…');
    expect(describeTimeLeft(20)).toBe('less than a minute left');
    expect(describeTimeLeft(600)).toBe('about 10 min left');
    expect(describeTimeLeft(5_400)).toBe('about 1 h 30 min left');
    expect(describeDuration(4.25)).toBe('4.3 s');
    expect(describeDuration(185)).toBe('3 min 5 s');
  });
});
