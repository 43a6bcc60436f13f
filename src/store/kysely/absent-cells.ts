import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { COLUMN_KIND_DEFINITIONS } from '../../domain/column-kinds/index.ts';
import type { CellStatus } from '../../domain/records.ts';
import type { Database } from '../database-schema.ts';

/**
 * Sparse cells (issue 11 item 2, docs/decisions/2026-12-06-sparse-cells-and-compact-keys.md):
 * a (row, column) cell that was never given a value, an error or a run is not stored. Every
 * reader treats an absent cell as `created` with a null value, not out of date, and as old as
 * the later of its row and its column (when the placeholder used to be written).
 */
export const ABSENT_STATUS: CellStatus = 'created';

/** Column kinds whose cells are inputs (never computed): a cell's `is_input` follows its column's kind. */
const INPUT_KINDS = COLUMN_KIND_DEFINITIONS.filter((definition) => definition.executorKey === 'none').map((definition) => definition.kind as string);

/** `<alias>.kind` is a computed kind (the SQL twin of isComputedKind). */
export function isComputedColumn(alias: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${alias}.kind`)} not in (${sql.join(INPUT_KINDS.map((kind) => sql.lit(kind)))})`;
}

/** `<alias>.kind` is an input kind, as 0/1 for `is_input`. */
export function isInputColumn(alias: string): RawBuilder<number> {
  return sql<number>`case when ${sql.ref(`${alias}.kind`)} in (${sql.join(INPUT_KINDS.map((kind) => sql.lit(kind)))}) then 1 else 0 end`;
}

/** A cell as a placeholder would have been: nothing in it worth a stored row. */
export function isPlaceholder(cell: { status: CellStatus; value: unknown; error: string | null }): boolean {
  return cell.status === ABSENT_STATUS && (cell.value === null || cell.value === undefined) && cell.error === null;
}

/** When an absent cell was (notionally) made: the later of its row's and its column's creation (ISO strings order as times). */
export function absentUpdatedAt(rowCreatedAt: string, columnCreatedAt: string): string {
  return rowCreatedAt > columnCreatedAt ? rowCreatedAt : columnCreatedAt;
}

/** How many computed columns the table has (all of them, or just `columnId` if computed). */
export async function countComputedColumns(db: Kysely<Database>, tableId: string, columnId?: string): Promise<number> {
  let query = db
    .selectFrom('columns as c')
    .select((expression) => expression.fn.countAll<number>().as('count'))
    .where('c.table_id', '=', tableId)
    .where(isComputedColumn('c'));
  if (columnId) query = query.where('c.id', '=', columnId);
  return Number((await query.executeTakeFirstOrThrow()).count);
}

/** The table's row count, kept by insertRows and deleteRows. */
export async function countTableRows(db: Kysely<Database>, tableId: string): Promise<number> {
  const row = await db.selectFrom('tables').select('num_rows').where('id', '=', tableId).executeTakeFirst();
  return Number(row?.num_rows ?? 0);
}
