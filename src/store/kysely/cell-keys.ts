import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../database-schema.ts';
import { chunk } from './mappers.ts';

/**
 * Cells are keyed by integers (migration 0022, docs/decisions/2026-12-06-integer-cell-keys.md):
 * `cells.row_key` is `rows.key` and `cells.column_key` is `columns.column_key`; a cell's table is
 * its column's `table_id`. Ids stay on the wire and in every store interface, so each query maps
 * them here, at the store's edge: subqueries where the keys feed a statement, maps where a result
 * must be turned back into ids. One place, so no query spells the mapping its own way.
 *
 * Rows name their table by its integer key too (`rows.table_key` is `tables.table_key`,
 * docs/decisions/2026-12-06-compact-rows.md): a query by table id reads the key by a scalar
 * subquery, and rows read back get their table id from the table they are read for or by a join.
 */

/** Subquery: the key of one table (by id); both engines evaluate it once and use it as an index bound. */
export function tableKeyOf(db: Kysely<Database>, tableId: string) {
  return db.selectFrom('tables').select('tables.table_key').where('tables.id', '=', tableId);
}

/** The key of one table, or undefined when there is no such table. */
export async function readTableKey(db: Kysely<Database>, tableId: string): Promise<number | undefined> {
  const table = await tableKeyOf(db, tableId).executeTakeFirst();
  return table === undefined ? undefined : Number(table.table_key);
}

/** Rows with their table's id (`table_id`), for reads whose rows may belong to several tables. */
export function selectRowsWithTableId(db: Kysely<Database>) {
  return db.selectFrom('rows').innerJoin('tables', 'tables.table_key', 'rows.table_key').selectAll('rows').select('tables.id as table_id');
}

/** Subquery: the keys of these rows (by id). */
export function rowKeysOf(db: Kysely<Database>, rowIds: readonly string[]) {
  return db.selectFrom('rows').select('rows.key').where('rows.id', 'in', rowIds);
}

/** Subquery: the key of one row (by id). */
export function rowKeyOf(db: Kysely<Database>, rowId: string) {
  return db.selectFrom('rows').select('rows.key').where('rows.id', '=', rowId);
}

/**
 * Subquery: the keys of a table's rows. Cells are found through their primary key (row_key,
 * column_key) by way of this, since cells carry no general index on their table.
 */
export function rowKeysOfTable(db: Kysely<Database>, tableId: string) {
  return db.selectFrom('rows').select('rows.key').where('rows.table_key', '=', tableKeyOf(db, tableId));
}

/** Subquery: the keys of these columns (by id), of one table when `tableId` is given. */
export function columnKeysOf(db: Kysely<Database>, columnIds: readonly string[], tableId?: string) {
  const query = db.selectFrom('columns').select('columns.column_key').where('columns.id', 'in', columnIds);
  return tableId === undefined ? query : query.where('columns.table_id', '=', tableId);
}

/** Subquery: the key of one column (by id). */
export function columnKeyOf(db: Kysely<Database>, columnId: string) {
  return db.selectFrom('columns').select('columns.column_key').where('columns.id', '=', columnId);
}

/** Subquery: the keys of a table's columns (a table's cells are the cells of its columns). */
export function columnKeysOfTable(db: Kysely<Database>, tableId: string) {
  return db.selectFrom('columns').select('columns.column_key').where('columns.table_id', '=', tableId);
}

/** A table's columns by id and by key. */
export interface ColumnKeys {
  keyOf: Map<string, number>;
  byKey: Map<number, { id: string; tableId: string }>;
}

/** Every column of these tables, both ways (tables have tens of columns; one index read). */
export async function readColumnKeys(db: Kysely<Database>, tableIds: readonly string[]): Promise<ColumnKeys> {
  const keys: ColumnKeys = { keyOf: new Map(), byKey: new Map() };
  if (tableIds.length === 0) return keys;
  const columns = await db.selectFrom('columns').select(['id', 'table_id', 'column_key']).where('table_id', 'in', tableIds).execute();
  for (const column of columns) {
    keys.keyOf.set(column.id, Number(column.column_key));
    keys.byKey.set(Number(column.column_key), { id: column.id, tableId: column.table_id });
  }
  return keys;
}

/** The keys of these rows by id (rows that do not exist are absent from the map). */
export async function readRowKeys(db: Kysely<Database>, rowIds: readonly string[]): Promise<Map<string, number>> {
  const keys = new Map<string, number>();
  for (const part of chunk([...new Set(rowIds)], 1, 30_000)) {
    for (const row of await db.selectFrom('rows').select(['id', 'key']).where('id', 'in', part).execute()) keys.set(row.id, Number(row.key));
  }
  return keys;
}

/** The ids of these rows by key. */
export async function readRowIds(db: Kysely<Database>, rowKeys: readonly number[]): Promise<Map<number, string>> {
  const ids = new Map<number, string>();
  for (const part of chunk([...new Set(rowKeys)], 1, 30_000)) {
    for (const row of await db.selectFrom('rows').select(['id', 'key']).where('key', 'in', part).execute()) ids.set(Number(row.key), row.id);
  }
  return ids;
}

/** The ids of these columns by key, with their table. */
export async function readColumnIds(db: Kysely<Database>, columnKeys: readonly number[]): Promise<Map<number, { id: string; tableId: string }>> {
  const ids = new Map<number, { id: string; tableId: string }>();
  const unique = [...new Set(columnKeys)];
  if (unique.length === 0) return ids;
  for (const column of await db.selectFrom('columns').select(['id', 'table_id', 'column_key']).where('column_key', 'in', unique).execute()) {
    ids.set(Number(column.column_key), { id: column.id, tableId: column.table_id });
  }
  return ids;
}

/** The ids of cells read by key: row id, column id and table id for each, dropping cells whose row or column is gone. */
export async function withCellIds<Cell extends { row_key: number; column_key: number }>(
  db: Kysely<Database>,
  cells: readonly Cell[],
): Promise<(Cell & { row_id: string; column_id: string; table_id: string })[]> {
  if (cells.length === 0) return [];
  const rowIds = await readRowIds(
    db,
    cells.map((cell) => Number(cell.row_key)),
  );
  const columnIds = await readColumnIds(
    db,
    cells.map((cell) => Number(cell.column_key)),
  );
  return cells.flatMap((cell) => {
    const rowId = rowIds.get(Number(cell.row_key));
    const column = columnIds.get(Number(cell.column_key));
    return rowId === undefined || column === undefined ? [] : [{ ...cell, row_id: rowId, column_id: column.id, table_id: column.tableId }];
  });
}

/** SQL: the id of the row a cell (alias) belongs to. */
export function rowIdOfCell(alias: string): RawBuilder<string> {
  return sql<string>`(select cell_row.id from rows as cell_row where cell_row.key = ${sql.ref(`${alias}.row_key`)})`;
}

/** SQL: the id of the column a cell (alias) belongs to. */
export function columnIdOfCell(alias: string): RawBuilder<string> {
  return sql<string>`(select cell_column.id from columns as cell_column where cell_column.column_key = ${sql.ref(`${alias}.column_key`)})`;
}

/** SQL: the id of the table a cell (alias) belongs to. */
export function tableIdOfCell(alias: string): RawBuilder<string> {
  return sql<string>`(select cell_table.table_id from columns as cell_table where cell_table.column_key = ${sql.ref(`${alias}.column_key`)})`;
}
