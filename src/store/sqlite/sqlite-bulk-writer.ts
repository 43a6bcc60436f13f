import type { Database as SqliteConnection, Statement } from 'better-sqlite3';
import type { BulkWriter } from '../bulk-writer.ts';

/**
 * SQLite bulk inserts on the connection Kysely also uses. They run inside the caller's Kysely
 * transaction: SQLite has one connection here, and Kysely's mutex is held by that transaction
 * for as long as the caller's work runs, so nothing else can interleave.
 *
 * Measured on 80,000 cells: one prepared single-row statement reused 199 ms, multi-row
 * statements of 3,500 rows (prepared each time) 350 ms.
 */
export function createSqliteBulkWriter(connection: SqliteConnection): BulkWriter {
  let insertRow: Statement | undefined;
  let insertCell: Statement | undefined;
  return {
    // The key is the rowid (0022): each insert answers it, so cells get their row keys for free.
    async insertRows(_db, rows) {
      insertRow ??= connection.prepare(
        'insert into rows (id, table_key, seq, parent_row_id, company_profile_id, metadata, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const keys: number[] = [];
      for (const row of rows) {
        const result = insertRow.run(
          row.id,
          row.table_key,
          row.seq,
          row.parent_row_id ?? null,
          row.company_profile_id ?? null,
          row.metadata ?? null,
          row.created_at,
          row.updated_at,
        );
        keys.push(Number(result.lastInsertRowid));
      }
      return keys;
    },
    async insertCells(_db, cells) {
      insertCell ??= connection.prepare(
        'insert into cells (row_key, column_key, status, value, error, is_input, attempts, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const cell of cells) {
        insertCell.run(cell.row_key, cell.column_key, cell.status, cell.value, cell.error, cell.is_input, cell.attempts, cell.updated_at);
      }
    },
    // SQLite plans these queries well from its indexes alone.
    noteCellsChanged() {},
  };
}
