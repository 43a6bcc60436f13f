import type { Kysely } from 'kysely';
import type { ColumnConfig } from '../../domain/column-config-schema.ts';
import { isComputedKind } from '../../domain/column-config-schema.ts';
import type { Column } from '../../domain/records.ts';
import type { TableKind } from '../../domain/table-kinds.ts';
import type { Database } from '../database-schema.ts';
import type { TableIdentity } from '../table-store.ts';
import { applyCellCountDeltas, countComputedCells, negate } from './cell-counters.ts';
import { columnKeyOf, rowKeysOfTable } from './cell-keys.ts';
import { compiledOnce } from './compiled-once.ts';
import { toColumn } from './mappers.ts';
import { countTableRows } from './absent-cells.ts';

export async function listColumns(db: Kysely<Database>, tableId: string): Promise<Column[]> {
  const rows = await db.selectFrom('columns').selectAll().where('table_id', '=', tableId).orderBy('position').execute();
  return rows.map(toColumn);
}

/**
 * A table's identity with its columns, in one statement: what the engine needs for each claimed
 * batch. `findTableById` + `listColumns` took four statements (its counters and out-of-date
 * count included), and on PostgreSQL each statement's send and parse was most of a worker's CPU.
 */
export async function findTableWithColumns(db: Kysely<Database>, tableId: string): Promise<{ table: TableIdentity; columns: Column[] } | undefined> {
  const rows = await tableWithColumns(db, tableId);
  const first = rows[0];
  if (!first) return undefined;
  const table: TableIdentity = {
    id: tableId,
    kind: first.table_kind as TableKind,
    workspaceId: first.table_workspace_id,
    name: first.table_name,
    parentTableId: first.table_parent_table_id,
  };
  // A table without columns reads as one row whose column fields are null.
  const columns = rows.flatMap((row) =>
    row.id === null
      ? []
      : [
          toColumn({
            id: row.id,
            table_id: tableId,
            key: row.key!,
            kind: row.kind!,
            position: row.position!,
            config: row.config!,
            created_at: row.created_at!,
          }),
        ],
  );
  return { table, columns };
}

export async function insertColumns(db: Kysely<Database>, tableId: string, columns: Column[], _now: string): Promise<void> {
  if (columns.length === 0) return;
  await db
    .insertInto('columns')
    .values(
      columns.map((column) => ({
        id: column.id,
        table_id: tableId,
        key: column.key,
        kind: column.config.kind,
        position: column.position,
        config: JSON.stringify(column.config),
        created_at: column.createdAt,
      })),
    )
    .execute();
  // No cells are written (sparse cells: an absent cell reads as `created`), so adding a column to
  // a table of any size costs the same; the `created` counter still counts its computed cells.
  const computedColumns = columns.filter((column) => isComputedKind(column.config.kind)).length;
  if (computedColumns > 0) await applyCellCountDeltas(db, tableId, { created: computedColumns * (await countTableRows(db, tableId)) });
}

export async function replaceColumnConfig(db: Kysely<Database>, columnId: string, config: ColumnConfig): Promise<void> {
  await db
    .updateTable('columns')
    .set({ config: JSON.stringify(config), kind: config.kind, key: config.key })
    .where('id', '=', columnId)
    .execute();
}

export async function setColumnPositions(db: Kysely<Database>, tableId: string, orderedColumnIds: string[]): Promise<void> {
  for (const [position, columnId] of orderedColumnIds.entries()) {
    await db.updateTable('columns').set({ position }).where('id', '=', columnId).where('table_id', '=', tableId).execute();
  }
}

export async function deleteColumn(db: Kysely<Database>, tableId: string, columnId: string): Promise<void> {
  const counts = await countComputedCells(db, { tableId, columnId });
  await db.deleteFrom('cells').where('row_key', 'in', rowKeysOfTable(db, tableId)).where('column_key', '=', columnKeyOf(db, columnId)).execute();
  await db.deleteFrom('columns').where('id', '=', columnId).execute();
  await applyCellCountDeltas(db, tableId, negate(counts));
}

/** Compiled once (the engine reads it for every claimed batch): the table's identity joined to its columns. */
const tableWithColumns = compiledOnce((db: Kysely<Database>, tableId: string) =>
  db
    .selectFrom('tables')
    .leftJoin('columns', 'columns.table_id', 'tables.id')
    .select([
      'tables.kind as table_kind',
      'tables.workspace_id as table_workspace_id',
      'tables.name as table_name',
      'tables.parent_table_id as table_parent_table_id',
      'columns.id',
      'columns.key',
      'columns.kind',
      'columns.position',
      'columns.config',
      'columns.created_at',
    ])
    .where('tables.id', '=', tableId)
    .orderBy('columns.position'),
);
