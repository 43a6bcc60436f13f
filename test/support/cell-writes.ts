import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/database-schema.ts';
import { tableKeyOf } from '../../src/store/kysely/cell-keys.ts';

type CellPatch = { status: string; value: string | null; error?: string | null };

/**
 * Write a cell's status and value straight into the database, as a finished run would, for tests
 * that need answers without running the engine. Cells are sparse (a cell nobody wrote is not
 * stored), so this inserts the cell or updates the one that is there.
 */
export async function writeCell(db: Kysely<Database>, rowId: string, columnId: string, patch: CellPatch): Promise<void> {
  const column = await db.selectFrom('columns').select(['column_key', 'kind']).where('id', '=', columnId).executeTakeFirstOrThrow();
  const row = await db.selectFrom('rows').select('key').where('id', '=', rowId).executeTakeFirstOrThrow();
  await db
    .insertInto('cells')
    .values({
      row_key: Number(row.key),
      column_key: Number(column.column_key),
      is_input: column.kind === 'input' ? 1 : 0,
      attempts: 0,
      updated_at: new Date().toISOString(),
      error: null,
      ...patch,
    })
    .onConflict((conflict) => conflict.columns(['row_key', 'column_key']).doUpdateSet(patch))
    .execute();
}

/** Every (row, computed column) pair of a table, stored or not. */
export async function computedCellKeys(db: Kysely<Database>, tableId: string): Promise<{ rowId: string; columnId: string }[]> {
  const rows = await db.selectFrom('rows').select('id').where('table_key', '=', tableKeyOf(db, tableId)).execute();
  const columns = await db.selectFrom('columns').select('id').where('table_id', '=', tableId).where('kind', '!=', 'input').execute();
  return rows.flatMap((row) => columns.map((column) => ({ rowId: row.id, columnId: column.id })));
}

/**
 * Stored cells with the ids of their row and column (cells are keyed by integers,
 * migration 0022), for tests that look at what is stored.
 */
export function storedCells(db: Kysely<Database>) {
  return db
    .selectFrom('cells')
    .innerJoin('rows', 'rows.key', 'cells.row_key')
    .innerJoin('columns', 'columns.column_key', 'cells.column_key')
    .select(['rows.id as row_id', 'columns.id as column_id']);
}
