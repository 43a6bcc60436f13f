import type { ColumnConfig } from '../domain/column-config-schema.ts';
import type { Run } from '../domain/run-modes.ts';

/** A finished computed cell with its stored value (JSON text), for usage reports. */
export interface CellSpendRecord {
  rowId: string;
  columnId: string;
  runId: string | null;
  updatedAt: string;
  /** The cell's value as stored (JSON text). */
  value: string;
  /**
   * Where the record sits in the table's order, opaque: the next page starts `after` it. Not
   * the ids, which stop naming a place once their row is deleted between two pages.
   */
  position: string;
}

/** A column of some table of a workspace, for estimates from similar columns. */
export interface WorkspaceColumn {
  id: string;
  tableId: string;
  config: ColumnConfig;
}

/** Reads behind estimates, usage reports and spending caps. */
export interface CostStore {
  /** Done computed cells of a table after `after` (a cell by row id and column id) in the store's key order, `limit` at a time. */
  listCellSpendRecords(tableId: string, page: { after: string | null; limit: number }): Promise<CellSpendRecord[]>;
  /** Stored values (JSON text) of up to `limit` done cells of one column. */
  listFinishedCellValues(tableId: string, columnId: string, limit: number): Promise<string[]>;
  /** Agent columns of every table of the workspace. */
  listWorkspaceAgentColumns(workspaceId: string): Promise<WorkspaceColumn[]>;
  /** Dollars spent by the workspace's runs created at or after `since` (ISO). */
  sumWorkspaceRunCost(workspaceId: string, since: string): Promise<number>;
  /** Runs of the workspace not yet ended, with the id of their workspace's table. */
  listActiveWorkspaceRuns(workspaceId: string): Promise<Run[]>;
  /** The workspace a table belongs to, or undefined. */
  findWorkspaceOfTable(tableId: string): Promise<string | undefined>;
}
