import { isComputedKind } from '../domain/column-config-schema.ts';
import { dependencyGraph } from '../domain/column-dependencies.ts';
import { ValidationError, type ValidationIssue } from '../domain/errors.ts';
import { decodeRowCursor, encodeRowCursor } from '../domain/row-cursor.ts';
import {
  parseSortParameter,
  type RowCondition,
  type RowConditionWire,
  type RowPageEntry,
  type RowPageRequest,
  type RowPosition,
  type RowSort,
} from '../domain/row-query.ts';
import type { Cell, Column, Principal, Row } from '../domain/records.ts';
import type { ServiceContext } from './service-context.ts';
import { loadDetails, type TableDetails } from './table-service.ts';

export interface DataPage {
  rows: Row[];
  cells: Cell[];
  /** Cells of parent rows (child tables only), keyed by the parent table's columns. */
  parentCells: Cell[];
}

/** Find parameters of a data read (extension): filter conditions, sort, search and cursor. */
export interface FindParameters {
  filter: RowConditionWire[];
  /** `key` or `-key`. */
  sort?: string | undefined;
  search?: string | undefined;
  cursor?: string | undefined;
}

export interface TableDataView {
  details: TableDetails;
  /** The filter, search and sort with columns resolved. */
  query: Pick<RowPageRequest, 'conditions' | 'search' | 'sort'>;
  /** Where the first page starts: the cursor's position, or null for the beginning. */
  start: RowPosition | null;
  /** Rows of one page with their positions, after `after` (keyset) and then `offset` more. */
  readEntries(after: RowPosition | null, offset: number, limit: number): Promise<RowPageEntry<Row>[]>;
  /** Rows meeting the filter and search (the table's row count without them). */
  countMatches(): Promise<number>;
  /** The opaque cursor for the rows after this position. */
  cursorAfter(position: RowPosition): string;
  /** Columns whose cells are returned (all, or the `columns=` projection), in display order. */
  projected: Column[];
  parentColumns: Column[];
  /** Input columns that some computed column depends on; an empty one sets is_missing_inputs. */
  dependedInputColumnIds: Set<string>;
  /** Read one page of rows with their cells. */
  readPage(offset: number, limit: number): Promise<DataPage>;
  /** Read one page of rows without their cells (for answers sent in parts). */
  readRows(offset: number, limit: number): Promise<Row[]>;
  /** The cells (and parent cells) of rows already read. */
  readCells(rows: Row[]): Promise<DataPage>;
}

/** Prepare reading a table's data (contract §2.2.8), with the optional `columns=key,…` projection. */
export async function openTableData(
  context: ServiceContext,
  principal: Principal,
  tableId: string,
  projection: string[] | undefined,
  find: FindParameters = { filter: [] },
): Promise<TableDataView> {
  const store = context.store;
  const details = await loadDetails(store, principal, tableId);
  const query = resolveFind(details.columns, find);
  const start = find.cursor ? decodeRowCursor(find.cursor, query, ['query', 'cursor']) : null;
  const readEntries = (after: RowPosition | null, offset: number, limit: number) =>
    store.listRowPage({ tableId: details.table.id, ...query, after, offset, limit });
  const projected = projectColumns(details.columns, projection);
  const parentColumns = details.table.parentTableId ? await store.listColumns(details.table.parentTableId) : [];
  const dependedInputColumnIds = dependedInputs(details);
  const cellColumnIds = new Set([...projected.map((column) => column.id), ...dependedInputColumnIds]);
  const restrictCells = projected.length !== details.columns.length ? [...cellColumnIds] : undefined;
  return {
    details,
    query,
    start,
    readEntries,
    cursorAfter: (position) => encodeRowCursor(query, position),
    countMatches: async () =>
      query.conditions.length === 0 && query.search === null
        ? details.table.numRows
        : store.countRowMatches({ tableId: details.table.id, conditions: query.conditions, search: query.search }),
    projected,
    parentColumns,
    dependedInputColumnIds,
    readPage: async (offset, limit) => readCells(await store.listRows(details.table.id, { offset, limit })),
    readRows: (offset, limit) => store.listRows(details.table.id, { offset, limit }),
    readCells,
  };

  async function readCells(rows: Row[]): Promise<DataPage> {
    const rowIds = rows.map((row) => row.id);
    const cells = await store.listCells(rowIds, restrictCells);
    const parentIds = [...new Set(rows.flatMap((row) => (row.parentRowId ? [row.parentRowId] : [])))];
    const parentCells = parentIds.length > 0 ? await store.listCells(parentIds) : [];
    return { rows, cells, parentCells };
  }
}

/** Wire conditions and sort with column keys resolved to ids; unknown keys are 422s at their place. */
function resolveFind(columns: Column[], find: FindParameters): TableDataView['query'] {
  const byKey = new Map(columns.map((column) => [column.key, column]));
  const keys = () => columns.map((column) => column.key).join(', ');
  const issues: ValidationIssue[] = [];
  const conditions: RowCondition[] = [];
  find.filter.forEach((wire, index) => {
    const column = wire.column === undefined ? null : byKey.get(wire.column);
    if (column === undefined) {
      issues.push({
        loc: ['query', 'filter', index, 'column'],
        msg: `unknown column key '${wire.column}'; keys of this table: ${keys()}`,
        type: 'value_error',
      });
      return;
    }
    const columnId = column?.id ?? null;
    if (wire.status !== undefined) conditions.push({ kind: 'status', columnId, status: wire.status });
    else if (wire.contains !== undefined) conditions.push({ kind: 'contains', columnId: columnId!, text: wire.contains });
    else if (wire.equals !== undefined) conditions.push({ kind: 'equals', columnId: columnId!, value: String(wire.equals) });
    else if (wire.one_of !== undefined) conditions.push({ kind: 'one_of', columnId: columnId!, labels: wire.one_of });
    else if (wire.not_found) conditions.push({ kind: 'not_found', columnId: columnId! });
    else if (wire.empty) conditions.push({ kind: 'empty', columnId: columnId! });
    else conditions.push({ kind: 'range', columnId: columnId!, min: wire.min ?? null, max: wire.max ?? null });
  });
  let sort: RowSort | null = null;
  if (find.sort !== undefined && find.sort.trim() !== '') {
    const { key, descending } = parseSortParameter(find.sort);
    const column = byKey.get(key);
    if (column) sort = { columnId: column.id, descending };
    else issues.push({ loc: ['query', 'sort'], msg: `unknown column key '${key}' (use key or -key); keys of this table: ${keys()}`, type: 'value_error' });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  const search = find.search?.trim() ? find.search.trim() : null;
  return { conditions, search, sort };
}

function projectColumns(columns: Column[], projection: string[] | undefined): Column[] {
  if (!projection) return columns;
  const byKey = new Map(columns.map((column) => [column.key, column]));
  const unknown = projection.filter((key) => !byKey.has(key));
  if (unknown.length > 0) {
    throw ValidationError.single(
      ['query', 'columns'],
      `unknown column key(s): ${unknown.join(', ')}; keys of this table: ${columns.map((column) => column.key).join(', ')}`,
    );
  }
  const wanted = new Set(projection);
  return columns.filter((column) => wanted.has(column.key));
}

function dependedInputs(details: TableDetails): Set<string> {
  const graph = dependencyGraph(
    details.columns.map((column) => column.config),
    details.table.kind,
  );
  const dependedKeys = new Set<string>();
  for (const column of details.columns) {
    if (isComputedKind(column.config.kind)) for (const key of graph.get(column.key) ?? []) dependedKeys.add(key);
  }
  return new Set(details.columns.filter((column) => !isComputedKind(column.config.kind) && dependedKeys.has(column.key)).map((column) => column.id));
}
