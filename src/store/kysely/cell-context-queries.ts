import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { CellStatus } from '../../domain/records.ts';
import type { Database } from '../database-schema.ts';
import type { StoreCapabilities } from '../store-capabilities.ts';
import type { RowWithCellValues } from '../table-store.ts';
import { compiledOnce } from './compiled-once.ts';
import { chunk } from './mappers.ts';

/**
 * The cells a context reads, of the cells aliased `alias`: input values and done computed cells (a
 * batch's own cells, in progress, were half of what the rows read returned). One definition for the
 * rows read below and for the PostgreSQL claim, which reads its cells' rows itself.
 */
export function isContextCell(alias: string): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(`${alias}.is_input`)} = 1 or ${sql.ref(`${alias}.status`)} = 'done')`;
}

/** A stored cell as a context holds it: its value parsed from the stored JSON text. */
export function toContextCell(columnId: string, status: string, value: string | null): RowWithCellValues['cells'][number] {
  return { columnId, status: status as CellStatus, value: value === null ? null : JSON.parse(value) };
}

/**
 * Rows of a table by id, each with its input cells and done computed cells, in one statement: what the
 * engine builds a claimed cell's context from where the claim did not bring the rows (SQLite, and
 * parent rows). It replaced `findRows` (the table's key, then
 * the rows) and `listStoredCells` (the cells again through the rows): three statements a
 * claimed batch, where on PostgreSQL each statement's send and parse was most of a worker's CPU.
 * Rows are found by id and their table checked on the answer, not in the WHERE (with the table
 * there, SQLite preferred the table-order index and scanned the whole table, see `findRows`).
 * Only what a context reads is selected: no times, so nothing here depends on how rows store them.
 */
export async function findRowsWithCellValues(
  db: Kysely<Database>,
  capabilities: Pick<StoreCapabilities, 'bindsArrays'>,
  tableId: string,
  rowIds: string[],
): Promise<RowWithCellValues[]> {
  const found = new Map<string, RowWithCellValues>();
  for (const part of chunk([...new Set(rowIds)], 1, 30_000)) {
    // One array parameter where the database takes one: the statement's text is then the same
    // for every batch, so it is compiled once and the engine's connections prepare it once.
    const stored = capabilities.bindsArrays ? await rowsWithCellValuesOfArray(db, part) : await rowsWithCellValues(db, part).execute();
    for (const entry of stored) {
      if (entry.table_id !== tableId) continue;
      let row = found.get(entry.row_id);
      if (!row) {
        row = { id: entry.row_id, parentRowId: entry.parent_row_id, companyProfileId: entry.company_profile_id, cells: [] };
        found.set(entry.row_id, row);
      }
      // A row without stored cells reads as one entry whose cell fields are null.
      if (entry.column_id === null || entry.status === null) continue;
      row.cells.push(toContextCell(entry.column_id, entry.status, entry.value));
    }
  }
  return [...found.values()];
}

/** The rows of `ids` with the cells a context reads: input values and done computed cells. */
function rowsWithCellValues(db: Kysely<Database>, ids: readonly string[] | RawBuilder<unknown>) {
  return db
    .selectFrom('rows as r')
    .innerJoin('tables as t', 't.table_key', 'r.table_key')
    .leftJoin('cells', (join) => join.onRef('cells.row_key', '=', 'r.key').on(isContextCell('cells')))
    .leftJoin('columns as c', 'c.column_key', 'cells.column_key')
    .select(['r.id as row_id', 'r.parent_row_id', 'r.company_profile_id', 't.id as table_id', 'c.id as column_id', 'cells.status', 'cells.value'])
    .where((expression) => (Array.isArray(ids) ? expression('r.id', 'in', ids) : expression(sql`r.id`, '=', ids as RawBuilder<unknown>)));
}

const rowsWithCellValuesOfArray = compiledOnce((db: Kysely<Database>, ids: readonly string[]) => rowsWithCellValues(db, sql`any(${ids}::text[])`));
