import type { RowWithCellValues } from './table-store.ts';
import type { StoreCapabilities } from './store-capabilities.ts';

/** A cell a worker holds: it must end done, failed, retried or released on every path. */
export interface ClaimedCell {
  rowId: string;
  columnId: string;
  tableId: string;
  runId: string | null;
  /** Claims of this cell so far, this one included. */
  attempts: number;
  /** Fencing token: only the holder of the current token may end the cell. */
  leaseToken: string;
  bypassCache: boolean;
  /** The row's integer key in the store (0022), where the claim returned it (PostgreSQL); see CellOutcome.storedRowKey. */
  storedRowKey?: number;
  /**
   * The cell's row with the values a context reads (its inputs and done answers), where the claim
   * read them in its own statement (PostgreSQL); otherwise the engine reads the rows itself.
   */
  row?: RowWithCellValues;
}

export interface CellKey {
  tableId: string;
  rowId: string;
  columnId: string;
}

/** A cell an engine change touched, with the run that queued it (for logs). */
export interface ChangedCell extends CellKey {
  runId: string | null;
}

/** A cell that ended failed, with the message stored on it. */
export interface FailedCell extends ChangedCell {
  error: string;
}

export interface EndedRun {
  runId: string;
  tableId: string;
  status: 'done' | 'failed' | 'canceled';
}

export interface CellOutcome extends CellKey {
  leaseToken: string;
  runId: string | null;
  status: 'done' | 'failed';
  value: unknown;
  error: string | null;
  /** Link the row to this company profile (company_profile cells). */
  companyProfileId?: string;
  /**
   * The row key its claim returned (internal, never on the wire): an ending that carries it finds
   * its cell without looking up the row id first (a primary-key probe of `rows` a cell).
   */
  storedRowKey?: number;
}

export interface CellRetry extends CellKey {
  leaseToken: string;
  runId: string | null;
  /** Epoch ms before which the cell is not claimed again. */
  runAfter: number;
  error: string;
}

/**
 * What an engine write changed, for wake-ups, live updates, logs and run bookkeeping. Only
 * writes that really happened are listed (fenced writes that lost their lease are not), so each
 * failed cell and each ended run is reported exactly once.
 */
export interface EngineChange {
  /** Cells whose status or value changed (for live updates). */
  changedCells: ChangedCell[];
  /** Cells that ended failed with this change (also in `changedCells`). */
  failedCells: FailedCell[];
  /** Queued cells that became ready to start. */
  newlyReady: number;
  /** Runs that ended with this change. */
  endedRuns: EndedRun[];
  /** Outcomes dropped because the lease was no longer held (reaped or made stale meanwhile). */
  lostLeases: number;
}

export function emptyEngineChange(): EngineChange {
  return { changedCells: [], failedCells: [], newlyReady: 0, endedRuns: [], lostLeases: 0 };
}

/**
 * The cells as a queue: claims under fenced leases, renewal, ending, retry, release, and the
 * maintenance that keeps the queue live (reaping expired leases, sweeping cells whose
 * dependencies can no longer finish). Every time is passed in, so the clock is the caller's.
 */
export interface QueueStore {
  readonly capabilities: StoreCapabilities;
  /**
   * Claim up to `limit` ready cells whose retry time (if any) is not after `now`, under a new
   * lease; they move to in_progress and their attempts grow by one.
   */
  claimCells(options: { limit: number; leaseToken: string; leaseExpiresAt: number; now: string }): Promise<ClaimedCell[]>;
  /** Extend the lease of every cell still held under `leaseToken`; returns how many (0: the lease was lost). */
  renewLease(leaseToken: string, leaseExpiresAt: number): Promise<number>;
  /** `renewLease` for many leases in one write: cells renewed by token (a lost lease is absent). */
  renewLeases(leaseTokens: string[], leaseExpiresAt: number): Promise<Map<string, number>>;
  /** End cells (fenced by lease token), wake their dependents or fail them transitively, end finished runs. */
  completeCells(outcomes: CellOutcome[], now: string): Promise<EngineChange>;
  /** Return held cells (fenced by lease token) to the queue, not claimable before their `runAfter`. */
  retryCells(retries: CellRetry[], now: string): Promise<EngineChange>;
  /** Return cells held under `leaseToken` to the queue untouched (graceful shutdown); the claim is not counted. */
  releaseLease(leaseToken: string, now: string): Promise<number>;
  /**
   * Requeue cells whose lease expired before `nowMs` (the claim stays counted), or fail them
   * and their waiting dependents once `maxAttempts` claims were spent.
   */
  reapExpiredLeases(options: { nowMs: number; now: string; maxAttempts: number; limit: number }): Promise<EngineChange>;
  /**
   * Like `reapExpiredLeases` for every held cell whatever its lease: for a process that knows
   * no other process can hold leases (SQLite, at the start of its workers).
   */
  requeueHeldCells(options: { now: string; maxAttempts: number; limit: number }): Promise<EngineChange>;
  /**
   * Repair waiting cells: fail those whose dependency can no longer finish (failed, or not
   * queued) together with everything waiting on them, until none is left, and mark ready those
   * whose dependencies are all done.
   */
  sweepWaitingCells(options: { now: string; limit: number; tableId?: string }): Promise<EngineChange>;
}
