import type { CellStaleness, CellStatus } from './records.ts';
import type { RunCellCounts, RunUsage } from './run-summary.ts';

/** `stale` is Fathom's extension: only cells whose answer is out of date. */
export const RUN_MODES = ['new', 'all', 'failed', 'stuck_failed_new', 'stale'] as const;
export type RunMode = (typeof RUN_MODES)[number];

/** created → in_progress → done | failed; `canceled` is Fathom's extension for a cancelled run. */
export const RUN_STATUSES = ['created', 'in_progress', 'done', 'failed', 'canceled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface CellSelection {
  /** Cells in these statuses are queued. */
  statuses: CellStatus[];
  /** Done or failed cells out of date for one of these reasons are queued too. */
  staleReasons: CellStaleness[];
}

/**
 * Which cells a run asks for (contract §2.2.7, §7.5): `new` cells never computed and those whose
 * inputs changed since (§2.3.2), `failed` only failed ones, `all` every cell not already queued,
 * `stuck_failed_new` new and failed ones plus cells queued or running for longer than the stuck
 * threshold, and `stale` only answers that are out of date (inputs or column changed).
 */
export function cellsRequestedBy(mode: RunMode): CellSelection {
  switch (mode) {
    case 'new':
      return { statuses: ['created'], staleReasons: ['inputs'] };
    case 'failed':
      return { statuses: ['failed'], staleReasons: [] };
    case 'all':
      return { statuses: ['created', 'done', 'failed'], staleReasons: [] };
    case 'stuck_failed_new':
      return { statuses: ['created', 'failed'], staleReasons: ['inputs'] };
    case 'stale':
      return { statuses: [], staleReasons: ['inputs', 'config'] };
  }
}

export interface Run {
  id: string;
  tableId: string;
  mode: RunMode;
  status: RunStatus;
  rowIds: string[] | null;
  columnIds: string[] | null;
  numRequestedCells: number;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
  /** Outcome of the run's cells, recorded when it ended (null while it goes, and for runs ended before this was kept). */
  endCounts: Pick<RunCellCounts, 'done' | 'failed'> | null;
  /** Model calls, tokens and dollars of the cells it computed, added up as they end. */
  usage: RunUsage;
  /** Limits the run was started with: it stops claiming cells once one is reached. */
  caps: RunCaps;
  /** Why it ended before all its cells were answered (a cap), or null. */
  statusReason: RunStatusReason | null;
}

export interface RunCaps {
  /** Dollars (the price table's currency); null: no cap. */
  maxCost: number | null;
  /** Cells ended (done or failed); null: no cap. */
  maxCells: number | null;
}

export const NO_CAPS: RunCaps = { maxCost: null, maxCells: null };

/** Which limit stopped a run. */
export const RUN_STATUS_REASONS = ['max_cost', 'max_cells', 'workspace_daily_cost', 'workspace_monthly_cost'] as const;
export type RunStatusReason = (typeof RUN_STATUS_REASONS)[number];
