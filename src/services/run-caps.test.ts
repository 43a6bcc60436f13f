import { describe, expect, it } from 'vitest';
import type { Run } from '../domain/run-modes.ts';
import type { Store } from '../store/store.ts';
import type { CostSettings } from './cost-settings.ts';
import { capWindows, enforceCaps, reachedWorkspaceCap, UncappedRuns } from './run-caps.ts';

describe('workspace caps', () => {
  it('counts runs from the start of the UTC day and month', () => {
    expect(capWindows('2026-12-06T23:59:59.000Z')).toEqual({ dayStart: '2026-12-06T00:00:00.000Z', monthStart: '2026-12-01T00:00:00.000Z' });
  });

  it('the daily cap is checked first, then the monthly one; 0 means no cap', async () => {
    const spent = { '2026-12-06T00:00:00.000Z': 4, '2026-12-01T00:00:00.000Z': 40 } as Record<string, number>;
    const store = { sumWorkspaceRunCost: async (_workspaceId: string, since: string) => spent[since] ?? 0 };
    const now = '2026-12-06T12:00:00.000Z';
    expect(await reachedWorkspaceCap(store, 'w', { workspaceDailyCap: 5, workspaceMonthlyCap: 50 }, now)).toBeNull();
    expect(await reachedWorkspaceCap(store, 'w', { workspaceDailyCap: 4, workspaceMonthlyCap: 50 }, now)).toBe('workspace_daily_cost');
    expect(await reachedWorkspaceCap(store, 'w', { workspaceDailyCap: 0, workspaceMonthlyCap: 40 }, now)).toBe('workspace_monthly_cost');
    expect(await reachedWorkspaceCap(store, 'w', { workspaceDailyCap: 0, workspaceMonthlyCap: 0 }, now)).toBeNull();
  });
});

/**
 * The cap check runs after every batch of ended cells; a run without caps is read once, then
 * remembered (caps are fixed when a run starts), unless workspace caps make every check count.
 */
describe('enforceCaps', () => {
  const runOf = (id: string, maxCells: number | null) =>
    ({ id, tableId: 't', endedAt: null, caps: { maxCost: null, maxCells }, usage: { cost: 0 } }) as unknown as Run;
  const storeOf = (runs: Run[]) => {
    const reads: string[] = [];
    const store = {
      findRun: async (_tableId: string, runId: string) => {
        reads.push(runId);
        return runs.find((run) => run.id === runId);
      },
      countRunCells: async () => ({ done: 1, failed: 0, remaining: 5 }),
      findWorkspaceOfTable: async () => 'w',
      sumWorkspaceRunCost: async () => 0,
    } as unknown as Store;
    return { store, reads };
  };
  const settings = (daily: number) => ({ workspaceDailyCap: daily, workspaceMonthlyCap: 0 }) as CostSettings;
  const now = '2026-12-07T00:00:00.000Z';

  it('reads a run without caps once, and a capped run at every check', async () => {
    const { store, reads } = storeOf([runOf('free', null), runOf('capped', 10)]);
    const uncapped = new UncappedRuns();
    const runs = [
      { runId: 'free', tableId: 't' },
      { runId: 'capped', tableId: 't' },
    ];
    for (let check = 0; check < 3; check += 1) expect(await enforceCaps(store, settings(0), runs, now, uncapped)).toEqual([]);
    expect(reads).toEqual(['free', 'capped', 'capped', 'capped']);
  });

  it('reads every run at every check while workspace caps are set', async () => {
    const { store, reads } = storeOf([runOf('free', null)]);
    const uncapped = new UncappedRuns();
    for (let check = 0; check < 2; check += 1) await enforceCaps(store, settings(5), [{ runId: 'free', tableId: 't' }], now, uncapped);
    expect(reads).toEqual(['free', 'free']);
  });

  it('forgets what it remembered once full, which costs only a read', () => {
    const uncapped = new UncappedRuns(2);
    uncapped.add('a');
    uncapped.add('b');
    uncapped.add('c');
    expect([uncapped.has('a'), uncapped.has('b'), uncapped.has('c')]).toEqual([false, false, true]);
  });
});
