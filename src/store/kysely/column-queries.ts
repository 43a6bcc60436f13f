import { sql, type Kysely } from 'kysely';
import type { ColumnConfig } from '../../domain/column-config-schema.ts';
import { isComputedKind } from '../../domain/column-config-schema.ts';
import type { Column } from '../../domain/records.ts';
import type { Database } from '../database-schema.ts';
import { applyCellCountDeltas, countComputedCells, negate, rowsOfTable } from './cell-counters.ts';
import { toColumn } from './mappers.ts';

export async function listColumns(db: Kysely<Database>, tableId: string): Promise<Column[]> {
  const rows = await db.selectFrom('columns').selectAll().where('table_id', '=', tableId).orderBy('position').execute();
  return rows.map(toColumn);
}

export async function insertColumns(db: Kysely<Database>, tableId: string, columns: Column[], now: string): Promise<void> {
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
  // Every (row, column) has exactly one cell: existing rows get theirs in one statement per column.
  let computedCellsAdded = 0;
  for (const column of columns) {
    const isInput = isComputedKind(column.config.kind) ? 0 : 1;
    const result = await db
      .insertInto('cells')
      .columns(['row_id', 'column_id', 'table_id', 'status', 'value', 'error', 'is_input', 'attempts', 'updated_at'])
      .expression(
        db
          .selectFrom('rows')
          .select([
            'id',
            sql.lit(column.id).as('column_id'),
            'table_id',
            sql.lit('created').as('status'),
            sql.lit(null).as('value'),
            sql.lit(null).as('error'),
            sql.lit(isInput).as('is_input'),
            sql.lit(0).as('attempts'),
            sql.lit(now).as('updated_at'),
          ])
          .where('table_id', '=', tableId),
      )
      .executeTakeFirst();
    if (!isInput) computedCellsAdded += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  await applyCellCountDeltas(db, tableId, { created: computedCellsAdded });
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
  await db.deleteFrom('cells').where('row_id', 'in', rowsOfTable(db, tableId)).where('column_id', '=', columnId).execute();
  await db.deleteFrom('columns').where('id', '=', columnId).execute();
  await applyCellCountDeltas(db, tableId, negate(counts));
}
