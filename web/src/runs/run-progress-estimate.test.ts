import { describe, expect, it } from 'vitest';
import type { TableStatus } from '../api/api-types.ts';
import { describeTimeLeft, estimateRunProgress } from './run-progress-estimate.ts';

function status(completed: number, inProgress: number, failed = 0): TableStatus {
  return {
    num_rows: 100,
    num_columns: 3,
    num_input_columns: 1,
    num_output_columns: 2,
    num_cells_completed: completed,
    num_cells_in_progress: inProgress,
    num_cells_failed: failed,
    run_status: inProgress > 0 ? 'running' : 'idle',
  };
}

describe('estimateRunProgress', () => {
  it('counts only cells finished since the run was first seen', () => {
    const progress = estimateRunProgress(status(130, 70), 100, []);
    expect(progress).toMatchObject({ finished: 30, remaining: 70, fraction: 0.3 });
  });

  it('estimates the time left from the recent pace', () => {
    const samples = [
      { time: 0, completed: 100 },
      { time: 10_000, completed: 120 },
    ];
    // 20 cells in 10 s is 2 cells/s; 60 left is 30 s.
    expect(estimateRunProgress(status(120, 60), 100, samples).secondsLeft).toBeCloseTo(30);
  });

  it('says nothing about time left before there is enough history', () => {
    expect(
      estimateRunProgress(status(101, 60), 100, [
        { time: 0, completed: 100 },
        { time: 500, completed: 101 },
      ]).secondsLeft,
    ).toBeNull();
  });

  it('forgets history older than a minute, so a slow start does not skew the estimate', () => {
    const samples = [
      { time: 0, completed: 0 },
      { time: 100_000, completed: 10 },
      { time: 110_000, completed: 110 },
    ];
    // Over the last minute: 100 cells in 10 s; 50 left is 5 s.
    expect(estimateRunProgress(status(110, 50), 0, samples).secondsLeft).toBeCloseTo(5);
  });

  it('describes the time left in words', () => {
    expect(describeTimeLeft(null)).toBe('estimating time left…');
    expect(describeTimeLeft(20)).toBe('less than a minute left');
    expect(describeTimeLeft(600)).toBe('about 10 min left');
    expect(describeTimeLeft(5_400)).toBe('about 1 h 30 min left');
  });
});
