import { isComputedKind } from '../domain/column-config-schema.ts';
import type { Cell, CellStaleness, Column, Principal, Row, Table } from '../domain/records.ts';
import type { TableDetails } from '../services/table-service.ts';

/** Domain records → the contract's JSON shapes. Nothing here reads the database. */

export function presentColumn(column: Column) {
  return { id: column.id, created_at: column.createdAt, config: column.config };
}

export function presentTableHeader(details: TableDetails) {
  const { table, columns, children } = details;
  return {
    id: table.id,
    created_at: table.createdAt,
    updated_at: table.updatedAt,
    name: table.name,
    kind: table.kind,
    columns: columns.map(presentColumn),
    owner: { id: table.ownerId, email: table.ownerEmail },
    description: table.description,
    tags: table.tags,
    notify: table.notify,
    settings: table.settings,
    child_relationships: children.map((child) => ({ table_id: child.id, relationship_type: 'company_people' as const })),
    parent_relationships: table.parentTableId ? [{ table_id: table.parentTableId, relationship_type: 'company_people' as const }] : [],
  };
}

export function presentTableStatus(table: Table, columns: Column[]) {
  const inputColumns = columns.filter((column) => !isComputedKind(column.config.kind)).length;
  const counts = table.cellCounts;
  const inProgress = counts.requested + counts.in_progress;
  return {
    num_rows: table.numRows,
    num_columns: columns.length,
    num_input_columns: inputColumns,
    num_output_columns: columns.length - inputColumns,
    num_cells_completed: counts.done + counts.failed,
    num_cells_in_progress: inProgress,
    num_cells_failed: counts.failed,
    num_cells_out_of_date: table.staleCells,
    run_status: inProgress > 0 ? ('running' as const) : ('idle' as const),
  };
}

export function presentTableWithStatus(details: TableDetails) {
  return { ...presentTableHeader(details), status: presentTableStatus(details.table, details.columns) };
}

export function presentTableSummary(table: Table, principal: Principal) {
  return {
    id: table.id,
    created_at: table.createdAt,
    updated_at: table.updatedAt,
    name: table.name,
    description: table.description,
    tags: table.tags,
    kind: table.kind,
    settings: table.settings,
    scope: table.ownerId === principal.user.id ? ('personal' as const) : ('organization' as const),
    owner: { id: table.ownerId, email: table.ownerEmail },
    num_rows: table.numRows,
    user_id: table.ownerId,
  };
}

/** A cell as the seed's TableCellDataSchema (+ `error` for failed cells). */
export function presentCell(cell: Cell) {
  const presented: { value: unknown; status: Cell['status']; updated_at: string; error?: string; out_of_date?: CellStaleness } = {
    value: cell.value,
    status: cell.status,
    updated_at: cell.updatedAt,
  };
  if (cell.error !== null) presented.error = cell.error;
  if (cell.stale) presented.out_of_date = cell.stale;
  return presented;
}

/** Cells grouped by row id, then keyed by column key, in column display order. */
export function cellsByRow(cells: Cell[], columns: Column[]): Map<string, Record<string, ReturnType<typeof presentCell>>> {
  const keyOf = new Map(columns.map((column) => [column.id, column.key]));
  const order = new Map(columns.map((column, index) => [column.id, index]));
  const grouped = new Map<string, Cell[]>();
  for (const cell of cells) {
    if (!keyOf.has(cell.columnId)) continue;
    let list = grouped.get(cell.rowId);
    if (!list) {
      list = [];
      grouped.set(cell.rowId, list);
    }
    list.push(cell);
  }
  const result = new Map<string, Record<string, ReturnType<typeof presentCell>>>();
  for (const [rowId, list] of grouped) {
    list.sort((left, right) => order.get(left.columnId)! - order.get(right.columnId)!);
    const data: Record<string, ReturnType<typeof presentCell>> = {};
    for (const cell of list) data[keyOf.get(cell.columnId)!] = presentCell(cell);
    result.set(rowId, data);
  }
  return result;
}

export function presentRow(
  row: Row,
  data: Record<string, ReturnType<typeof presentCell>> | undefined,
  parentData: Record<string, ReturnType<typeof presentCell>> | null = null,
) {
  return {
    id: row.id,
    created_at: row.createdAt,
    parent_row_id: row.parentRowId,
    company_profile_id: row.companyProfileId,
    data: data ?? {},
    metadata: row.metadata,
    parent_data: parentData,
  };
}
