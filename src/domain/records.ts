import type { ColumnConfig } from './column-config-schema.ts';
import type { TableKind } from './table-kinds.ts';

/** The five cell statuses of the seed's TableCellStatus, in lifecycle order. */
export const CELL_STATUSES = ['created', 'requested', 'in_progress', 'done', 'failed'] as const;
export type CellStatus = (typeof CELL_STATUSES)[number];
export type CellCounts = Record<CellStatus, number>;

export interface Workspace {
  id: string;
  name: string;
  slug: string;
  createdAt: string;
}

export interface User {
  id: string;
  workspaceId: string;
  email: string;
  isAdmin: boolean;
  createdAt: string;
}

/** Who is calling: the token's user and the workspace every id is resolved in. */
export interface Principal {
  user: User;
  workspace: Workspace;
  tokenId: string;
}

export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  tokenPrefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface Table {
  id: string;
  workspaceId: string;
  ownerId: string;
  ownerEmail: string;
  name: string;
  description: string | null;
  kind: TableKind;
  tags: string[] | null;
  notify: boolean;
  settings: Record<string, unknown>;
  parentTableId: string | null;
  relationshipType: string | null;
  createdAt: string;
  updatedAt: string;
  numRows: number;
  /** Computed (non-input) cells by status. */
  cellCounts: CellCounts;
  /** Computed cells whose answer is out of date (their column or an input changed since). */
  staleCells: number;
  /** Highest row sequence number handed out (rows are ordered by it; it only grows). */
  lastRowSeq: number;
}

export interface Column {
  id: string;
  tableId: string;
  key: string;
  position: number;
  config: ColumnConfig;
  createdAt: string;
}

export interface Row {
  id: string;
  tableId: string;
  seq: number;
  parentRowId: string | null;
  companyProfileId: string | null;
  metadata: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
}

export interface Cell {
  rowId: string;
  columnId: string;
  status: CellStatus;
  /** Raw input value for input cells; {answer, source, explanation} for computed cells; null when empty. */
  value: unknown;
  error: string | null;
  isInput: boolean;
  updatedAt: string;
  /** Why the answer is out of date ('inputs' or 'config'); null or absent when it is current. */
  stale?: CellStaleness | null;
}

export const CELL_STALENESS = ['inputs', 'config'] as const;
export type CellStaleness = (typeof CELL_STALENESS)[number];
