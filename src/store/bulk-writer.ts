import type { Insertable, Kysely } from 'kysely';
import type { CellRow, Database, RowRow } from './database-schema.ts';
import { chunk } from './kysely/mappers.ts';

export type RowInsert = Omit<Insertable<RowRow>, 'key'>;
export type CellInsert = Pick<CellRow, 'row_key' | 'column_key' | 'status' | 'value' | 'error' | 'is_input' | 'attempts' | 'updated_at'>;

/**
 * Bulk inserts of rows and cells, the hot path of ingest. The engines differ: PostgreSQL is
 * fastest with multi-row statements, SQLite with one cached prepared statement per row.
 */
export interface BulkWriter {
  /** Answers the keys the database gave the rows (0022), in the order of `rows`: their cells are keyed by them. */
  insertRows(db: Kysely<Database>, rows: RowInsert[]): Promise<number[]>;
  insertCells(db: Kysely<Database>, cells: CellInsert[]): Promise<void>;
  /** Many cells changed status at once (a run queued them): planner statistics may be stale. */
  noteCellsChanged(count: number): void;
}

/** Multi-row INSERTs through Kysely, chunked under the engine's bind-parameter limit. */
export function createMultiRowBulkWriter(maxBindParameters: number): BulkWriter {
  return {
    async insertRows(db, rows) {
      // RETURNING the keys with the ids, so no second round trip; matched by id, not by the
      // order PostgreSQL happens to return them in.
      const keyOf = new Map<string, number>();
      for (const part of chunk(rows, 8, maxBindParameters)) {
        for (const row of await db.insertInto('rows').values(part).returning(['id', 'key']).execute()) keyOf.set(row.id, Number(row.key));
      }
      return rows.map((row) => keyOf.get(row.id)!);
    },
    async insertCells(db, cells) {
      for (const part of chunk(cells, 8, maxBindParameters)) await db.insertInto('cells').values(part).execute();
    },
    noteCellsChanged() {},
  };
}
