import type { Selectable } from 'kysely';
import type { ColumnConfig } from '../../domain/column-config-schema.ts';
import type { Cell, CellCounts, CellStaleness, CellStatus, Column, Row, Table } from '../../domain/records.ts';
import type { TableKind } from '../../domain/table-kinds.ts';
import type { CellRow, ColumnRow, RowRow, TableRow } from '../database-schema.ts';
import { fromStoredTime } from './stored-time.ts';

/** Database rows → domain records. JSON columns are parsed here and nowhere else. */

export function toTable(row: Omit<TableRow, 'table_key'> & { owner_email: string }, counts: CellCounts | undefined, staleCells = 0): Table {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    ownerId: row.owner_id,
    ownerEmail: row.owner_email,
    name: row.name,
    description: row.description,
    kind: row.kind as TableKind,
    tags: row.tags === null ? null : (JSON.parse(row.tags) as string[]),
    notify: Boolean(row.notify),
    settings: JSON.parse(row.settings) as Record<string, unknown>,
    parentTableId: row.parent_table_id,
    relationshipType: row.relationship_type,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    numRows: Number(row.num_rows),
    cellCounts: counts ?? { created: 0, requested: 0, in_progress: 0, done: 0, failed: 0 },
    staleCells,
    lastRowSeq: Number(row.last_row_seq),
  };
}

export function toColumn(row: Omit<ColumnRow, 'column_key'>): Column {
  return {
    id: row.id,
    tableId: row.table_id,
    key: row.key,
    position: Number(row.position),
    config: JSON.parse(row.config) as ColumnConfig,
    createdAt: row.created_at,
  };
}

/** A stored row; its table id comes from the table it was read for (rows store the table's key, 0022). */
export function toRow(row: Omit<Selectable<RowRow>, 'key' | 'table_key'>, tableId: string): Row {
  return {
    id: row.id,
    tableId,
    seq: Number(row.seq),
    parentRowId: row.parent_row_id,
    companyProfileId: row.company_profile_id,
    metadata: row.metadata === null ? null : (JSON.parse(row.metadata) as Record<string, unknown>),
    createdAt: fromStoredTime(row.created_at),
    updatedAt: fromStoredTime(row.updated_at ?? row.created_at),
  };
}

/**
 * A stored cell; its row and column ids come from the rows and columns its keys name (cells are
 * keyed by integers, 0022). A cell with no stored time was written with its row: it was last
 * changed when the row was made (`rowCreatedAt`).
 */
export function toCell(
  row: Pick<CellRow, 'status' | 'value' | 'error' | 'is_input' | 'updated_at'> & { stale?: string | null },
  rowId: string,
  columnId: string,
  rowCreatedAt: string,
): Cell {
  const cell: Cell = {
    rowId,
    columnId,
    status: row.status as CellStatus,
    value: row.value === null ? null : JSON.parse(row.value),
    error: row.error,
    isInput: Boolean(row.is_input),
    updatedAt: row.updated_at ?? rowCreatedAt,
  };
  if (row.stale) cell.stale = row.stale as CellStaleness;
  return cell;
}

/** Split `items` so that each chunk times `parametersEach` stays under `maxParameters`. */
export function chunk<T>(items: readonly T[], parametersEach: number, maxParameters: number): T[][] {
  const size = Math.max(1, Math.floor(maxParameters / parametersEach));
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}
