import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { emptyEngineChange, type EngineChange } from '../store/queue-store.ts';
import { RunCapGuard } from './run-cap-guard.ts';

const ended = (runId: string, tableId = 't'): EngineChange => ({
  ...emptyEngineChange(),
  changedCells: [{ tableId, rowId: 'r', columnId: 'c', runId }],
});

describe('RunCapGuard', () => {
  it('checks the runs of ended cells one batch at a time, each run once per batch, and reports the runs it stopped', async () => {
    const checked: string[][] = [];
    const reported: EngineChange[] = [];
    let release: () => void = () => {};
    const firstCheck = new Promise<void>((resolve) => (release = resolve));
    const guard = new RunCapGuard(
      async (runs) => {
        checked.push(runs.map((run) => run.runId));
        if (checked.length === 1) await firstCheck;
        return runs.some((run) => run.runId === 'b') ? [{ runId: 'b', tableId: 't', status: 'canceled' }] : [];
      },
      (change) => reported.push(change),
      pino({ level: 'silent' }),
    );
    guard.cellsEnded(ended('a'));
    // While the first check runs, three more batches end: their runs wait for one next check.
    guard.cellsEnded(ended('b'));
    guard.cellsEnded(ended('b'));
    guard.cellsEnded(ended('c'));
    release();
    await guard.idle();
    expect(checked).toEqual([['a'], ['b', 'c']]);
    expect(reported).toHaveLength(1);
    expect(reported[0]!.endedRuns).toEqual([{ runId: 'b', tableId: 't', status: 'canceled' }]);
  });

  it('a failed check stops nothing and the next batch checks again', async () => {
    let calls = 0;
    const guard = new RunCapGuard(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('database busy');
        return [];
      },
      () => {},
      pino({ level: 'silent' }),
    );
    guard.cellsEnded(ended('a'));
    await guard.idle();
    guard.cellsEnded(ended('a'));
    await guard.idle();
    expect(calls).toBe(2);
  });

  it('ignores cells without a run', async () => {
    let calls = 0;
    const guard = new RunCapGuard(
      async () => {
        calls += 1;
        return [];
      },
      () => {},
      pino({ level: 'silent' }),
    );
    guard.cellsEnded({ ...emptyEngineChange(), changedCells: [{ tableId: 't', rowId: 'r', columnId: 'c', runId: null }] });
    await guard.idle();
    expect(calls).toBe(0);
  });
});
