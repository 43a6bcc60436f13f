import { isComputedKind } from '../domain/column-config-schema.ts';
import { dependencyGraph } from '../domain/column-dependencies.ts';
import { ValidationError } from '../domain/errors.ts';
import type { Cell, Column, Principal, Row } from '../domain/records.ts';
import type { ServiceContext } from './service-context.ts';
import { loadDetails, type TableDetails } from './table-service.ts';

export interface DataPage {
  rows: Row[];
  cells: Cell[];
  /** Cells of parent rows (child tables only), keyed by the parent table's columns. */
  parentCells: Cell[];
}

export interface TableDataView {
  details: TableDetails;
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
export async function openTableData(context: ServiceContext, principal: Principal, tableId: string, projection: string[] | undefined): Promise<TableDataView> {
  const store = context.store;
  const details = await loadDetails(store, principal, tableId);
  const projected = projectColumns(details.columns, projection);
  const parentColumns = details.table.parentTableId ? await store.listColumns(details.table.parentTableId) : [];
  const dependedInputColumnIds = dependedInputs(details);
  const cellColumnIds = new Set([...projected.map((column) => column.id), ...dependedInputColumnIds]);
  const restrictCells = projected.length !== details.columns.length ? [...cellColumnIds] : undefined;
  return {
    details,
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
