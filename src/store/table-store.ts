import type { ColumnConfig } from '../domain/column-config-schema.ts';
import type { Cell, CellCounts, CellStaleness, CellStatus, Column, Row, Table } from '../domain/records.ts';
import type { RowPageEntry, RowPageRequest } from '../domain/row-query.ts';
import type { TableKind } from '../domain/table-kinds.ts';
import type { TableView } from '../domain/table-views.ts';

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

export interface ColumnDependencyEdge {
  columnId: string;
  dependsOnColumnId: string;
}

/** What the engine needs to know of a table for its cells' contexts (no counters: those cost reads). */
export type TableIdentity = Pick<Table, 'id' | 'workspaceId' | 'name' | 'kind' | 'parentTableId'>;

/** A row as the engine reads it for a cell's context: its links, and its input and done computed cells. */
export interface RowWithCellValues {
  id: string;
  parentRowId: string | null;
  companyProfileId: string | null;
  cells: Pick<Cell, 'columnId' | 'status' | 'value'>[];
}

/** Tables, their columns (and dependency edges), rows and cells as the API reads and writes them. */
export interface TableStore {
  insertTable(table: NewTable): Promise<void>;
  /** A table of this workspace, or undefined (another workspace's id looks unknown). */
  findTable(workspaceId: string, tableId: string): Promise<Table | undefined>;
  /** A table by id alone, for the engine, which works across workspaces. */
  findTableById(tableId: string): Promise<Table | undefined>;
  listTables(workspaceId: string, query: TableListQuery): Promise<{ tables: Table[]; total: number }>;
  updateTable(tableId: string, patch: TablePatch, now: string): Promise<void>;
  /** Delete the table with its columns, rows and cells. */
  deleteTable(tableId: string): Promise<void>;
  listChildTables(tableId: string): Promise<Table[]>;

  listColumns(tableId: string): Promise<Column[]>;
  /**
   * Rows of this table by id, each with its stored input cells and done computed cells (what a
   * cell's context reads), in one read; for the engine. Absent cells are not stored, so not
   * listed; ids of rows not in the table are left out.
   */
  findRowsWithCellValues(tableId: string, rowIds: string[]): Promise<RowWithCellValues[]>;
  /** The table (what a cell's context names of it) with its columns in position order, in one read; for the engine. */
  findTableWithColumns(tableId: string): Promise<{ table: TableIdentity; columns: Column[] } | undefined>;
  /** Insert columns and one cell per existing row for each (input cells empty, computed `created`). */
  insertColumns(tableId: string, columns: Column[], now: string): Promise<void>;
  replaceColumnConfig(columnId: string, config: ColumnConfig): Promise<void>;
  setColumnPositions(tableId: string, orderedColumnIds: string[]): Promise<void>;
  /** Delete a column and its cells. */
  deleteColumn(tableId: string, columnId: string): Promise<void>;
  /** Replace a table's dependency edges (after any column change). */
  replaceColumnDependencies(tableId: string, edges: ColumnDependencyEdge[]): Promise<void>;

  /** Insert rows and their cells, appending after the table's last row; answers the first row's seq. */
  insertRows(tableId: string, rows: NewRow[], cells: NewCell[]): Promise<number>;
  /**
   * One page of rows under a filter, search and/or sort, each with its position for a cursor.
   * Its cost depends on the rows it reads past `after`, not on how deep in the table it is.
   */
  listRowPage(request: RowPageRequest): Promise<RowPageEntry<Row>[]>;
  /** Rows meeting a filter and search. */
  countRowMatches(request: Pick<RowPageRequest, 'tableId' | 'conditions' | 'search'>): Promise<number>;
  /** Rows in table order. */
  listRows(tableId: string, page: { offset: number; limit: number }): Promise<Row[]>;
  findRows(tableId: string, rowIds: string[]): Promise<Row[]>;
  listRowsByParent(parentRowIds: string[]): Promise<Row[]>;
  /**
   * Inside a transaction: holds the row against other lockers until the transaction ends, so
   * writers of its child rows (the people finder) take turns even across processes; false when
   * the row does not exist. SQLite's transactions already take turns on the one writer
   * connection, so there it only checks that the row exists.
   */
  lockRow(rowId: string): Promise<boolean>;
  /** Cells of these rows, optionally limited to some columns. */
  listCells(rowIds: string[], columnIds?: string[]): Promise<Cell[]>;
  updateRowMetadata(rowId: string, metadata: Record<string, unknown> | null, now: string): Promise<void>;
  /** Set input cells' values (status done; null clears the value back to created). */
  writeInputCells(tableId: string, rowId: string, values: { columnId: string; value: unknown }[], now: string): Promise<void>;
  /**
   * Mark computed cells out of date (`reason`: their inputs or their column changed), keeping
   * their answers; running cells return to `created` (in-flight work loses its lease token, so
   * its late result is discarded). `rowIds` null: every row of the table.
   */
  markCellsStale(tableId: string, rowIds: string[] | null, columnIds: string[], now: string, reason?: CellStaleness): Promise<number>;
  /** Done or failed computed cells in these columns (what a change to them would make out of date). */
  countAnsweredCells(tableId: string, columnIds: string[]): Promise<number>;
  /** Delete rows (and their cells); returns the ids that existed. */
  deleteRows(tableId: string, rowIds: string[]): Promise<string[]>;
  /** Saved views of a table, by name. */
  listTableViews(tableId: string): Promise<TableView[]>;
  /** Save a view; a view of the same name on the table is replaced (its id kept). */
  saveTableView(view: TableView): Promise<TableView>;
  deleteTableView(tableId: string, viewId: string): Promise<TableView | undefined>;
  /** Exact recount of computed cells by status, for checks and repair. */
  countCellsByStatus(tableId: string): Promise<CellCounts>;
}
