import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { uuidV7 } from '../src/domain/uuid-v7.ts';
import { percentile, type BenchResult } from './bench-support.ts';

/**
 * Migration 0020's choice on SQLite, alone and side by side in one process: the `rows` table as a
 * rowid table keyed by a text id (before) or WITHOUT ROWID (after), same columns and (table_id,
 * seq, id) index. Inserts of `--rows=N` (default 100,000) rows in transactions of 1,000, then
 * 3,000 interleaved 100-row pages at random offsets read as listRows reads them.
 */
export function run(): BenchResult[] {
  const size = Number(process.argv.find((value) => value.startsWith('--rows='))?.slice(7) ?? 100_000);
  const directory = mkdtempSync(join(tmpdir(), 'fathom-rows-layout-'));
  try {
    const tableId = uuidV7();
    const now = new Date().toISOString();
    const ids = Array.from({ length: size }, () => uuidV7());
    const layouts = [false, true].map((withoutRowid) => {
      const connection = new SqliteDatabase(join(directory, `${withoutRowid ? 'without' : 'with'}-rowid.db`));
      connection.pragma('journal_mode = WAL');
      connection.pragma('synchronous = NORMAL');
      connection.exec(`create table rows (id text primary key, table_id text not null, seq bigint not null, parent_row_id text, company_profile_id text, metadata text,
        created_at text not null, updated_at text not null)${withoutRowid ? ' without rowid' : ''};
        create unique index rows_table_seq on rows (table_id, seq, id);`);
      const insert = connection.prepare('insert into rows (id, table_id, seq, created_at, updated_at) values (?, ?, ?, ?, ?)');
      const started = performance.now();
      for (let offset = 0; offset < size; offset += 1_000) {
        connection.transaction(() => {
          for (let index = offset; index < Math.min(size, offset + 1_000); index += 1) insert.run(ids[index], tableId, index + 1, now, now);
        })();
      }
      const insertSeconds = (performance.now() - started) / 1000;
      const page = connection.prepare('select * from rows where id in (select id from rows where table_id = ? order by seq limit 100 offset ?) order by seq');
      return { connection, insertSeconds, page, latencies: [] as number[] };
    });
    for (let read = 0; read < 3_000; read += 1) {
      const offset = Math.floor(Math.random() * (size - 100));
      for (const layout of layouts) {
        const started = performance.now();
        layout.page.all(tableId, offset);
        layout.latencies.push(performance.now() - started);
      }
    }
    return layouts.map((layout, index) => {
      layout.connection.close();
      layout.latencies.sort((left, right) => left - right);
      return {
        name: `rows as ${index === 0 ? 'a rowid table' : 'a WITHOUT ROWID table'}, ${size.toLocaleString('en')} rows (sqlite)`,
        metrics: {
          insert_rows_per_second: Math.round(size / layout.insertSeconds),
          page_p50_ms: Number(percentile(layout.latencies, 0.5).toFixed(3)),
          page_p99_ms: Number(percentile(layout.latencies, 0.99).toFixed(3)),
        },
        notes: 'same rows, same offsets, interleaved',
      };
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(run(), null, 2));
}
