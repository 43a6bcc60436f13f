import { describe, expect, it } from 'vitest';
import { capWindows, reachedWorkspaceCap } from './run-caps.ts';

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
