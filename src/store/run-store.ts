import type { CellStaleness, CellStatus } from '../domain/records.ts';
import type { Run, RunStatus, RunStatusReason } from '../domain/run-modes.ts';
import type { RunCellCounts } from '../domain/run-summary.ts';

/** Which cells a run selects (see `CellRequest`). */
export type CellSelection = Pick<CellRequest, 'tableId' | 'columnIds' | 'rowIds' | 'statuses' | 'staleReasons' | 'stuckBefore'>;

export interface CellRequest {
  tableId: string;
  runId: string;
  columnIds: string[];
  /** null: every row of the table. */
  rowIds: string[] | null;
  /** Cells in these statuses are queued. */
  statuses: CellStatus[];
  /** Done or failed cells out of date for one of these reasons are queued too (none when absent). */
  staleReasons?: CellStaleness[];
  /** Also take over cells queued or running since before this time (ISO), or null. */
  stuckBefore: string | null;
  bypassCache: boolean;
  now: string;
}

/** A failed cell of a run, for the list of what went wrong. */
export interface RunFailedCell {
  rowId: string;
  columnId: string;
  error: string | null;
  updatedAt: string;
}

/** Runs, and queuing (or un-queuing) the cells a run selects. */
export interface RunStore {
  insertRun(run: Run): Promise<void>;
  findRun(tableId: string, runId: string): Promise<Run | undefined>;
  /** Runs of a table, newest first. */
  listRuns(tableId: string, page: { offset: number; limit: number }): Promise<Run[]>;
  /** `endCounts` records the run's outcome when it ends. */
  updateRun(
    runId: string,
    patch: {
      status: RunStatus;
      numRequestedCells?: number;
      now: string;
      isEnded: boolean;
      endCounts?: Pick<RunCellCounts, 'done' | 'failed'>;
      statusReason?: RunStatusReason;
    },
  ): Promise<void>;
  /** Where the run's cells are now (cells a later run took over count for that run). */
  countRunCells(runId: string): Promise<RunCellCounts>;
  /** The run's failed cells with their messages, in table order, and how many there are. */
  listFailedCellsOfRun(runId: string, page: { offset: number; limit: number }): Promise<{ cells: RunFailedCell[]; total: number }>;
  /** How many cells `requestCells` would queue now, by column id (columns with none are absent). */
  countRequestableCells(selection: CellSelection): Promise<Map<string, number>>;
  /** Queue the selected cells for a run; returns how many were queued. */
  requestCells(request: CellRequest): Promise<number>;
  /** Put a run's still-queued cells back to their previous status; returns how many. */
  cancelRequestedCells(tableId: string, runId: string, now: string): Promise<number>;
}
