import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { up as rowTimesAsEpochMs } from '../src/store/migrations/0025-row-times-as-epoch-ms.ts';
import { openDatabase } from '../src/store/open-database.ts';
import { FifoSqliteDialect } from '../src/store/sqlite/fifo-sqlite-dialect.ts';

/**
 * How long migration 0025 (row times as epoch ms) takes on a SQLite database of `--rows` rows
 * (default 1,000,000) as the release before it stored them, and what it saves. The rows are
 * written raw into this release's schema, their times turned back into ISO text as that release
 * wrote them, then the migration runs on its own, timed, with its progress lines.
 */
const rows = Number(process.argv.find((value) => value.startsWith('--rows='))?.slice(7) ?? 1_000_000);
const directory = mkdtempSync(join(tmpdir(), 'fathom-0025-'));
const path = join(directory, 'fathom.db');
try {
  const opened = await openDatabase({ engine: 'sqlite', path });
  await opened.close();
  const connection = new SqliteDatabase(path);
  connection.exec(`insert into tables (id, workspace_id, owner_id, name, kind, notify, settings, created_at, updated_at, last_row_seq, num_rows)
    values ('t', 'w', 'u', 'bench', 'company', 0, '{}', '2026-12-07T00:00:00.000Z', '2026-12-07T00:00:00.000Z', ${rows}, ${rows})`);
  const tableKey = (connection.prepare(`select table_key from tables where id = 't'`).get() as { table_key: number }).table_key;
  const insert = connection.prepare('insert into rows (id, table_key, seq, created_at, updated_at) values (?, ?, ?, ?, null)');
  const base = Date.parse('2026-12-07T00:00:00.000Z');
  connection.transaction(() => {
    // Batches of 1,000 share a time, as rows added together do; times as the previous release wrote them.
    for (let index = 0; index < rows; index += 1)
      insert.run(crypto.randomUUID(), tableKey, index + 1, new Date(base + Math.floor(index / 1_000)).toISOString());
  })();
  // The layout before 0025: the columns declared text.
  const statement = (connection.prepare(`select sql from sqlite_master where name = 'rows'`).get() as { sql: string }).sql;
  const indexes = (
    connection.prepare(`select sql from sqlite_master where type = 'index' and tbl_name = 'rows' and sql is not null`).all() as { sql: string }[]
  ).map((row) => row.sql);
  connection.exec(`${statement
    .replace(/^create\s+table\s+"rows"/i, 'create table "rows_text"')
    .replace(/"created_at" integer not null/, '"created_at" text not null')
    .replace(/"updated_at" integer/, '"updated_at" text')};
    insert into rows_text select * from rows; drop table rows; alter table rows_text rename to rows; ${indexes.join(';\n')};
    delete from kysely_migration where name = '0025-row-times-as-epoch-ms'; vacuum;`);
  const bytesBefore = statSync(path).size;
  const db = new Kysely<unknown>({ dialect: new FifoSqliteDialect(connection) });
  const lines: string[] = [];
  const started = performance.now();
  await rowTimesAsEpochMs(db, 'sqlite', (line) => lines.push(`${((performance.now() - started) / 1000).toFixed(2)} s  ${line}`));
  const seconds = (performance.now() - started) / 1000;
  const integers = (await sql<{ count: number }>`select count(*) as count from rows where typeof(created_at) = 'integer'`.execute(db)).rows[0]!.count;
  connection.exec('vacuum');
  const bytesAfter = statSync(path).size;
  await db.destroy();
  console.log(lines.join('\n'));
  console.log(
    JSON.stringify(
      {
        name: `migration 0025 (row times as epoch ms), ${rows.toLocaleString('en')} rows (sqlite)`,
        metrics: {
          seconds: Number(seconds.toFixed(2)),
          rows_per_second: Math.round(rows / seconds),
          rows_converted: integers,
          file_bytes_per_row_before: Math.round(bytesBefore / rows),
          file_bytes_per_row_after: Math.round(bytesAfter / rows),
        },
        notes: 'rows only (no cells), file size after VACUUM before and after',
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(directory, { recursive: true, force: true });
}
