import type { Insertable, Kysely } from 'kysely';
import type { CellRow, Database, RowRow } from './database-schema.ts';
import { chunk } from './kysely/mappers.ts';

export type RowInsert = Insertable<RowRow>;
export type CellInsert = Pick<CellRow, 'row_id' | 'column_id' | 'table_id' | 'status' | 'value' | 'error' | 'is_input' | 'attempts' | 'updated_at'>;

/**
 * Bulk inserts of rows and cells, the hot path of ingest. The engines differ: PostgreSQL is
 * fastest with multi-row statements, SQLite with one cached prepared statement per row.
 */
export interface BulkWriter {
  insertRows(db: Kysely<Database>, rows: RowInsert[]): Promise<void>;
  insertCells(db: Kysely<Database>, cells: CellInsert[]): Promise<void>;
  /** Many cells changed status at once (a run queued them): planner statistics may be stale. */
  noteCellsChanged(count: number): void;
}

/** Multi-row INSERTs through Kysely, chunked under the engine's bind-parameter limit. */
export function createMultiRowBulkWriter(maxBindParameters: number): BulkWriter {
  return {
    async insertRows(db, rows) {
      for (const part of chunk(rows, 8, maxBindParameters)) await db.insertInto('rows').values(part).execute();
    },
    async insertCells(db, cells) {
      for (const part of chunk(cells, 9, maxBindParameters)) await db.insertInto('cells').values(part).execute();
    },
    noteCellsChanged() {},
  };
}
