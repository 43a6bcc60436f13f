import type { Run, RunStatusReason } from '../domain/run-modes.ts';
import type { EndedRun, Store } from '../store/store.ts';
import type { CostSettings } from './cost-settings.ts';

/** Human words for each reason a cap stopped a run (the grid and the CLI show them). */
export const STATUS_REASON_MESSAGES: Readonly<Record<RunStatusReason, string>> = {
  max_cost: 'stopped: the run reached its max_cost; the cells it had not started are unchanged and a later run computes them',
  max_cells: 'stopped: the run reached its max_cells; the cells it had not started are unchanged and a later run computes them',
  workspace_daily_cost: "stopped: the workspace reached today's spending cap (FATHOM_WORKSPACE_DAILY_COST_CAP); runs resume after midnight UTC",
  workspace_monthly_cost: "stopped: the workspace reached this month's spending cap (FATHOM_WORKSPACE_MONTHLY_COST_CAP)",
};

/** Start of the UTC day and month of `now` (ISO): the windows the workspace caps count runs in. */
export function capWindows(now: string): { dayStart: string; monthStart: string } {
  const date = new Date(now);
  const dayStart = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())).toISOString();
  const monthStart = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)).toISOString();
  return { dayStart, monthStart };
}

/**
 * Which workspace cap is reached, if any. A run's spend counts in the day and month it was
 * created in (runs are the unit the caps stop; a run that spans midnight counts once).
 */
export async function reachedWorkspaceCap(
  store: Pick<Store, 'sumWorkspaceRunCost'>,
  workspaceId: string,
  settings: Pick<CostSettings, 'workspaceDailyCap' | 'workspaceMonthlyCap'>,
  now: string,
): Promise<RunStatusReason | null> {
  if (settings.workspaceDailyCap <= 0 && settings.workspaceMonthlyCap <= 0) return null;
  const windows = capWindows(now);
  if (settings.workspaceDailyCap > 0 && (await store.sumWorkspaceRunCost(workspaceId, windows.dayStart)) >= settings.workspaceDailyCap) {
    return 'workspace_daily_cost';
  }
  if (settings.workspaceMonthlyCap > 0 && (await store.sumWorkspaceRunCost(workspaceId, windows.monthStart)) >= settings.workspaceMonthlyCap) {
    return 'workspace_monthly_cost';
  }
  return null;
}

/** Which of the run's own caps it reached, if any (`max_cells` counts its ended cells). */
export async function reachedRunCap(store: Pick<Store, 'countRunCells'>, run: Run): Promise<RunStatusReason | null> {
  if (run.caps.maxCost !== null && run.usage.cost >= run.caps.maxCost) return 'max_cost';
  if (run.caps.maxCells !== null) {
    const counts = await store.countRunCells(run.id);
    if (counts.done + counts.failed >= run.caps.maxCells) return 'max_cells';
  }
  return null;
}

/**
 * End a run because a cap was reached: its queued cells go back to what they were (a later run
 * picks them up); cells already running finish and still count for it. Answers the ended run,
 * or null when the run had already ended.
 */
export async function stopRunAtCap(store: Store, run: Run, reason: RunStatusReason, now: string): Promise<EndedRun | null> {
  return store.transaction(async (transaction) => {
    const current = await transaction.findRun(run.tableId, run.id);
    if (!current || current.endedAt !== null) return null;
    await transaction.cancelRequestedCells(run.tableId, run.id, now);
    const counts = await transaction.countRunCells(run.id);
    await transaction.updateRun(run.id, {
      status: 'canceled',
      now,
      isEnded: true,
      endCounts: { done: counts.done, failed: counts.failed },
      statusReason: reason,
    });
    return { runId: run.id, tableId: run.tableId, status: 'canceled' };
  });
}

/**
 * Runs known to have no caps, remembered by the process that checks caps after each batch of
 * ended cells. Bounded: forgetting only costs one more read of a run.
 */
export class UncappedRuns {
  private readonly ids = new Set<string>();

  constructor(private readonly limit = 10_000) {}

  has(runId: string): boolean {
    return this.ids.has(runId);
  }

  add(runId: string): void {
    if (this.ids.size >= this.limit) this.ids.clear();
    this.ids.add(runId);
  }
}

/**
 * Check the runs whose cells just ended against their caps and their workspace's caps, and
 * stop those that reached one. Answers the runs it ended.
 */
export async function enforceCaps(
  store: Store,
  settings: CostSettings,
  runIds: Iterable<{ runId: string; tableId: string }>,
  now: string,
  uncappedRuns?: UncappedRuns,
): Promise<EndedRun[]> {
  const ended: EndedRun[] = [];
  const workspaceReasons = new Map<string, RunStatusReason | null>();
  const hasWorkspaceCaps = settings.workspaceDailyCap > 0 || settings.workspaceMonthlyCap > 0;
  for (const { runId, tableId } of runIds) {
    // A run without caps can reach none (caps are fixed when it starts), and without workspace
    // caps there is nothing else to check: no read of the run after every batch of its cells.
    if (!hasWorkspaceCaps && uncappedRuns?.has(runId)) continue;
    const run = await store.findRun(tableId, runId);
    if (!run || run.endedAt !== null) continue;
    if (run.caps.maxCost === null && run.caps.maxCells === null) uncappedRuns?.add(runId);
    const reason = await reachedRunCap(store, run);
    if (!reason && (settings.workspaceDailyCap > 0 || settings.workspaceMonthlyCap > 0)) {
      const workspaceId = await store.findWorkspaceOfTable(tableId);
      if (workspaceId) {
        if (!workspaceReasons.has(workspaceId)) workspaceReasons.set(workspaceId, await reachedWorkspaceCap(store, workspaceId, settings, now));
        const workspaceReason = workspaceReasons.get(workspaceId) ?? null;
        // One workspace cap stops all of its runs, not only the one whose cell just ended.
        if (workspaceReason) {
          for (const active of await store.listActiveWorkspaceRuns(workspaceId)) {
            const stopped = await stopRunAtCap(store, active, workspaceReason, now);
            if (stopped) ended.push(stopped);
          }
          continue;
        }
      }
    }
    if (!reason) continue;
    const stopped = await stopRunAtCap(store, run, reason, now);
    if (stopped) ended.push(stopped);
  }
  return ended;
}
