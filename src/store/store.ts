import type { ColumnConfig } from '../domain/column-config-schema.ts';
import type { ApiToken, Cell, CellCounts, CellStatus, Column, Principal, Row, Table, User, Workspace } from '../domain/records.ts';
import type { Run, RunStatus } from '../domain/run-modes.ts';
import type { RunCellCounts } from '../domain/run-summary.ts';
import type { TableKind } from '../domain/table-kinds.ts';

/** What the engine under the store can do; code branches on these, never on the engine's name. */
export interface StoreCapabilities {
  engine: 'sqlite' | 'postgres';
  /** `FOR UPDATE SKIP LOCKED` lets many workers claim without blocking each other. */
  supportsSkipLocked: boolean;
  /** LISTEN/NOTIFY can wake workers in other processes. */
  supportsListenNotify: boolean;
  /** Several processes may share the database (API and workers apart). */
  supportsMultipleProcesses: boolean;
  /** Bind parameters one statement may carry; bulk inserts are chunked under it. */
  maxBindParameters: number;
  /** Transactions may commit without waiting for their WAL flush (`synchronous_commit = off`). */
  supportsAsynchronousCommit: boolean;
}

export interface NewTable {
  id: string;
  workspaceId: string;
  ownerId: string;
  name: string;
  description: string | null;
  kind: TableKind;
  tags: string[] | null;
  notify: boolean;
  settings: Record<string, unknown>;
  parentTableId: string | null;
  relationshipType: string | null;
  createdAt: string;
}

export interface TablePatch {
  name?: string;
  description?: string | null;
  tags?: string[] | null;
  notify?: boolean;
  settings?: Record<string, unknown>;
}

export type TableSort = '-created_at' | 'created_at' | 'name' | '-name' | 'num_rows' | '-num_rows';

export interface TableListQuery {
  kind?: TableKind;
  /** Only tables owned by this user (scope=personal). */
  ownerId?: string;
  search?: string;
  tags?: string[];
  sort: TableSort;
  offset: number;
  limit: number;
}

export interface NewRow {
  id: string;
  parentRowId: string | null;
  companyProfileId: string | null;
  metadata: Record<string, unknown> | null;
  createdAt: string;
}

export interface NewCell {
  rowId: string;
  columnId: string;
  status: CellStatus;
  value: unknown;
  error: string | null;
  isInput: boolean;
}

export interface CellRequest {
  tableId: string;
  runId: string;
  columnIds: string[];
  /** null: every row of the table. */
  rowIds: string[] | null;
  /** Cells in these statuses are queued. */
  statuses: CellStatus[];
  /** Also take over cells queued or running since before this time (ISO), or null. */
  stuckBefore: string | null;
  bypassCache: boolean;
  now: string;
}

export interface ColumnDependencyEdge {
  columnId: string;
  dependsOnColumnId: string;
}

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
}

export interface CellKey {
  tableId: string;
  rowId: string;
  columnId: string;
}

export interface CellOutcome extends CellKey {
  leaseToken: string;
  runId: string | null;
  status: 'done' | 'failed';
  value: unknown;
  error: string | null;
  /** Link the row to this company profile (company_profile cells). */
  companyProfileId?: string;
}

export interface CellRetry extends CellKey {
  leaseToken: string;
  /** Epoch ms before which the cell is not claimed again. */
  runAfter: number;
  error: string;
}

/** What ending cells changed, for wake-ups, live updates and run bookkeeping. */
export interface EngineChange {
  /** Cells whose status or value changed (for live updates). */
  changedCells: CellKey[];
  /** Queued cells that became ready to start. */
  newlyReady: number;
  /** Runs that ended with this change. */
  endedRunIds: string[];
  /** Outcomes dropped because the lease was no longer held (reaped or made stale meanwhile). */
  lostLeases: number;
}

/** A failed cell of a run, for the list of what went wrong. */
export interface FailedCell {
  rowId: string;
  columnId: string;
  error: string | null;
  updatedAt: string;
}

export interface ApiTokenWithOwner extends ApiToken {
  email: string;
  workspaceSlug: string;
}

/**
 * Domain operations on the database. It exposes no connection or transaction type:
 * `transaction` hands the work a Store whose every call runs in one transaction.
 */
export interface Store {
  readonly capabilities: StoreCapabilities;
  /** Run `work` in one transaction; nothing it did survives if it throws. */
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;

  findWorkspaceBySlug(slug: string): Promise<Workspace | undefined>;
  insertWorkspace(workspace: Workspace): Promise<void>;
  findUserByEmail(workspaceId: string, email: string): Promise<User | undefined>;
  insertUser(user: User): Promise<void>;
  insertApiToken(token: ApiToken & { tokenHash: string }): Promise<void>;
  /** The principal of an unrevoked token with this hash. */
  findPrincipalByTokenHash(tokenHash: string): Promise<Principal | undefined>;
  listApiTokens(): Promise<ApiTokenWithOwner[]>;
  /** Whether a token with this hash was ever stored, revoked or not. */
  hasApiToken(tokenHash: string): Promise<boolean>;
  /** Revoke by id or by the printed prefix; returns how many tokens were revoked. */
  revokeApiToken(idOrPrefix: string, now: string): Promise<number>;
  countActiveApiTokens(): Promise<number>;

  insertTable(table: NewTable): Promise<void>;
  /** A table of this workspace, or undefined (another workspace's id looks unknown). */
  findTable(workspaceId: string, tableId: string): Promise<Table | undefined>;
  listTables(workspaceId: string, query: TableListQuery): Promise<{ tables: Table[]; total: number }>;
  updateTable(tableId: string, patch: TablePatch, now: string): Promise<void>;
  /** Delete the table with its columns, rows and cells. */
  deleteTable(tableId: string): Promise<void>;
  listChildTables(tableId: string): Promise<Table[]>;

  listColumns(tableId: string): Promise<Column[]>;
  /** Insert columns and one cell per existing row for each (input cells empty, computed `created`). */
  insertColumns(tableId: string, columns: Column[], now: string): Promise<void>;
  replaceColumnConfig(columnId: string, config: ColumnConfig): Promise<void>;
  setColumnPositions(tableId: string, orderedColumnIds: string[]): Promise<void>;
  /** Delete a column and its cells. */
  deleteColumn(tableId: string, columnId: string): Promise<void>;

  /** Insert rows and their cells, appending after the table's last row; answers the first row's seq. */
  insertRows(tableId: string, rows: NewRow[], cells: NewCell[]): Promise<number>;
  /** Rows in table order. */
  listRows(tableId: string, page: { offset: number; limit: number }): Promise<Row[]>;
  findRows(tableId: string, rowIds: string[]): Promise<Row[]>;
  listRowsByParent(parentRowIds: string[]): Promise<Row[]>;
  /** Cells of these rows, optionally limited to some columns. */
  listCells(rowIds: string[], columnIds?: string[]): Promise<Cell[]>;
  updateRowMetadata(rowId: string, metadata: Record<string, unknown> | null, now: string): Promise<void>;
  /** Set input cells' values (status done; null clears the value back to created). */
  writeInputCells(tableId: string, rowId: string, values: { columnId: string; value: unknown }[], now: string): Promise<void>;
  /**
   * Make computed cells stale: done/failed/in-progress cells return to `created` with no value
   * (in-flight work loses its lease token, so its late result is discarded); requested cells stay queued.
   */
  markCellsStale(tableId: string, rowIds: string[], columnIds: string[], now: string): Promise<number>;
  /** Delete rows (and their cells); returns the ids that existed. */
  deleteRows(tableId: string, rowIds: string[]): Promise<string[]>;
  /** Exact recount of computed cells by status, for checks and repair. */
  countCellsByStatus(tableId: string): Promise<CellCounts>;

  insertRun(run: Run): Promise<void>;
  findRun(tableId: string, runId: string): Promise<Run | undefined>;
  /** Runs of a table, newest first. */
  listRuns(tableId: string, page: { offset: number; limit: number }): Promise<Run[]>;
  /** `endCounts` records the run's outcome when it ends. */
  updateRun(
    runId: string,
    patch: { status: RunStatus; numRequestedCells?: number; now: string; isEnded: boolean; endCounts?: Pick<RunCellCounts, 'done' | 'failed'> },
  ): Promise<void>;
  /** Where the run's cells are now (cells a later run took over count for that run). */
  countRunCells(runId: string): Promise<RunCellCounts>;
  /** The run's failed cells with their messages, in table order, and how many there are. */
  listFailedCellsOfRun(runId: string, page: { offset: number; limit: number }): Promise<{ cells: FailedCell[]; total: number }>;
  /** Queue the selected cells for a run; returns how many were queued. */
  requestCells(request: CellRequest): Promise<number>;
  /** Put a run's still-queued cells back to their previous status; returns how many. */
  cancelRequestedCells(tableId: string, runId: string, now: string): Promise<number>;

  /** Replace a table's dependency edges (after any column change). */
  replaceColumnDependencies(tableId: string, edges: ColumnDependencyEdge[]): Promise<void>;
  /** Claim up to `limit` ready cells under a new lease; they move to in_progress. */
  claimCells(options: { limit: number; leaseToken: string; leaseExpiresAt: number; now: string }): Promise<ClaimedCell[]>;
  /** Extend the lease of every cell still held under `leaseToken`; returns how many. */
  renewLease(leaseToken: string, leaseExpiresAt: number): Promise<number>;
  /** End cells (fenced by lease token), wake their dependents or fail them, end finished runs. */
  completeCells(outcomes: CellOutcome[], now: string): Promise<EngineChange>;
  /** Return held cells to the queue with a delay (transient failure). */
  retryCells(retries: CellRetry[], now: string): Promise<EngineChange>;
  /** Return cells held under `leaseToken` to the queue untouched (graceful shutdown). */
  releaseLease(leaseToken: string, now: string): Promise<number>;
  /** Requeue cells whose lease expired, or fail them once `maxAttempts` claims were spent. */
  reapExpiredLeases(options: { nowMs: number; now: string; maxAttempts: number; limit: number }): Promise<EngineChange>;
  /**
   * Repair waiting cells: fail those whose dependency can no longer finish (failed, or not
   * queued), and mark ready those whose dependencies are all done.
   */
  sweepWaitingCells(options: { now: string; limit: number; tableId?: string }): Promise<EngineChange>;
  getCachedResponse(key: string, nowMs: number): Promise<string | undefined>;
  setCachedResponse(key: string, value: string, expiresAt: number): Promise<void>;
  /** Names of a table's columns by id (for messages). */
  findTableById(tableId: string): Promise<Table | undefined>;

  /** A company profile of this workspace by id (another workspace's id looks unknown). */
  findCompanyProfile(workspaceId: string, profileId: string): Promise<CompanyProfileRecord | undefined>;
  /** The profile of a registrable domain, or of a domain recorded as leading to one. */
  findCompanyProfileByDomain(workspaceId: string, domain: string): Promise<CompanyProfileRecord | undefined>;
  /** The most recently updated profile whose `nameKey` is this. */
  findCompanyProfileByName(workspaceId: string, nameKey: string): Promise<CompanyProfileRecord | undefined>;
  /** Insert or refresh the profile of (workspace, domain), record `aliases` as leading to it, and return it as stored. */
  saveCompanyProfile(profile: CompanyProfileRecord, aliases: string[]): Promise<CompanyProfileRecord>;
}

/** A company profile as stored: researched once per workspace and domain, shared by every table. */
export interface CompanyProfileRecord {
  id: string;
  workspaceId: string;
  /** Registrable domain, lower case (`acme.com`). */
  domain: string;
  name: string | null;
  /** `name` reduced for matching (lower case, letters and digits only). */
  nameKey: string | null;
  /** The site's home page URL after redirects. */
  website: string | null;
  /** The descriptive fields of contract §1.6 (short_description, hq_city, social_profiles…). */
  fields: Record<string, unknown>;
  /** Pages the profile was built from. */
  sources: string[];
  /** When the evidence was fetched (ISO). */
  asOf: string;
  createdAt: string;
  updatedAt: string;
}
