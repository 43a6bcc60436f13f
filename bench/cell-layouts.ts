import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { uuidV7 } from '../src/domain/uuid-v7.ts';
import type { BenchResult } from './bench-support.ts';

/**
 * Candidate storage layouts for issue 11's compact keys, measured on SQLite before choosing one
 * (docs/decisions/2026-12-06-sparse-cells-and-compact-keys.md): the same company-table rows (one
 * 25-character domain, sparse cells: one stored input cell a row) written in each layout with the
 * indexes it would need (row id lookup, table order, cells primary key, the 0016 sort-key index),
 * then bytes per row from the file and dbstat. `--rows=N` (default 100,000).
 */
const SORT_KEYS = (value: string) => {
  const answer = `json_extract(${value}, '$')`;
  return `(case when ${answer} is null then 2 when typeof(${answer}) in ('integer', 'real') then 0 else 1 end),
    (case when typeof(${answer}) in ('integer', 'real') then ${answer} else 0 end),
    (case when typeof(${answer}) = 'text' then lower(${answer}) else '' end)`;
};

interface Layout {
  name: string;
  schema: string;
  write(connection: SqliteDatabase.Database, rows: number): void;
}

const domain = (index: number) => `company-${String(index).padStart(7, '0')}.example.com`;
const blob = (uuid: string) => Buffer.from(uuid.replaceAll('-', ''), 'hex');

function textIds(withCellTableId: boolean, name: string, rowsWithoutRowid = false): Layout {
  return {
    name,
    schema: `create table rows (id text primary key, table_id text not null, seq bigint not null, parent_row_id text, company_profile_id text, metadata text, created_at text not null, updated_at text not null)${rowsWithoutRowid ? ' without rowid' : ''};
      create unique index rows_table_seq on rows (table_id, seq, id);
      create table cells (row_id text not null, column_id text not null, ${withCellTableId ? 'table_id text not null,' : ''} status text not null, value text, error text,
        is_input integer not null, attempts integer not null default 0, run_id text, lease_token text, lease_expires_at bigint, updated_at text not null,
        previous_status text, run_after bigint, bypass_cache integer not null default 0, is_ready integer not null default 0, stale text, primary key (row_id, column_id)) without rowid;
      create index cells_sort_keys on cells (column_id, ${SORT_KEYS('value')}) where value is not null;`,
    write(connection, count) {
      const tableId = uuidV7();
      const inputColumn = uuidV7();
      const insertRow = connection.prepare('insert into rows (id, table_id, seq, created_at, updated_at) values (?, ?, ?, ?, ?)');
      const insertCell = withCellTableId
        ? connection.prepare("insert into cells (row_id, column_id, table_id, status, value, is_input, updated_at) values (?, ?, ?, 'done', ?, 1, ?)")
        : connection.prepare("insert into cells (row_id, column_id, status, value, is_input, updated_at) values (?, ?, 'done', ?, 1, ?)");
      connection.transaction(() => {
        for (let index = 0; index < count; index += 1) {
          const id = uuidV7();
          const now = new Date().toISOString();
          insertRow.run(id, tableId, index + 1, now, now);
          if (withCellTableId) insertCell.run(id, inputColumn, tableId, JSON.stringify(domain(index)), now);
          else insertCell.run(id, inputColumn, JSON.stringify(domain(index)), now);
        }
      })();
    },
  };
}

/** Ids kept as UUIDs but stored in 16 bytes (blob), no cells.table_id. */
const blobIds: Layout = {
  name: 'uuid ids as 16-byte blobs, no cells.table_id',
  schema: `create table rows (id blob primary key, table_id blob not null, seq bigint not null, parent_row_id blob, company_profile_id text, metadata text, created_at text not null, updated_at text not null) without rowid;
    create unique index rows_table_seq on rows (table_id, seq);
    create table cells (row_id blob not null, column_id blob not null, status text not null, value text, error text, is_input integer not null, attempts integer not null default 0,
      run_id text, lease_token text, lease_expires_at bigint, updated_at text not null, previous_status text, run_after bigint, bypass_cache integer not null default 0,
      is_ready integer not null default 0, stale text, primary key (row_id, column_id)) without rowid;
    create index cells_sort_keys on cells (column_id, ${SORT_KEYS('value')}) where value is not null;`,
  write(connection, count) {
    const tableId = blob(uuidV7());
    const inputColumn = blob(uuidV7());
    const insertRow = connection.prepare('insert into rows (id, table_id, seq, created_at, updated_at) values (?, ?, ?, ?, ?)');
    const insertCell = connection.prepare("insert into cells (row_id, column_id, status, value, is_input, updated_at) values (?, ?, 'done', ?, 1, ?)");
    connection.transaction(() => {
      for (let index = 0; index < count; index += 1) {
        const id = blob(uuidV7());
        const now = new Date().toISOString();
        insertRow.run(id, tableId, index + 1, now, now);
        insertCell.run(id, inputColumn, JSON.stringify(domain(index)), now);
      }
    })();
  },
};

/**
 * Integer surrogate keys for cells (rows.key, columns.key), then the further steps towards 250
 * bytes a row, each on top of the last: the row's table as an integer key, the row's UUID as a
 * 16-byte blob, times as epoch ms. Step one (`cellKeysOnly`) is what cells keyed by integers with
 * every other column of `rows` unchanged would take.
 */
interface IntegerKeySteps {
  tableKey: boolean;
  blobId: boolean;
  epochTimes: boolean;
}

function integerKeys(steps: IntegerKeySteps): Layout {
  const time = steps.epochTimes ? 'integer' : 'text';
  const table = steps.tableKey ? 'table_key integer' : 'table_id text';
  const parts = [
    'integer cell keys',
    steps.tableKey ? 'integer table key in rows' : 'text table id in rows',
    steps.blobId ? 'row uuid as a 16-byte blob' : 'row uuid as text',
    ...(steps.epochTimes ? ['times as epoch ms'] : []),
  ];
  return {
    name: parts.join(', '),
    schema: `create table rows (key integer primary key, id ${steps.blobId ? 'blob' : 'text'} not null, ${table} not null, seq integer not null, parent_row_key integer, company_profile_id text, metadata text,
        created_at ${time} not null, updated_at ${time} not null);
      create unique index rows_id on rows (id);
      create unique index rows_table_seq on rows (${steps.tableKey ? 'table_key' : 'table_id'}, seq);
      create table cells (row_key integer not null, column_key integer not null, status text not null, value text, error text, is_input integer not null, attempts integer not null default 0,
        run_id text, lease_token text, lease_expires_at bigint, updated_at ${time} not null, previous_status text, run_after bigint, bypass_cache integer not null default 0,
        is_ready integer not null default 0, stale text, primary key (row_key, column_key)) without rowid;
      create index cells_sort_keys on cells (column_key, ${SORT_KEYS('value')}) where value is not null;`,
    write(connection, count) {
      const tableId = steps.tableKey ? 1 : uuidV7();
      const insertRow = connection.prepare(
        `insert into rows (id, ${steps.tableKey ? 'table_key' : 'table_id'}, seq, created_at, updated_at) values (?, ?, ?, ?, ?)`,
      );
      const insertCell = connection.prepare("insert into cells (row_key, column_key, status, value, is_input, updated_at) values (?, 1, 'done', ?, 1, ?)");
      connection.transaction(() => {
        for (let index = 0; index < count; index += 1) {
          const now = steps.epochTimes ? Date.now() : new Date().toISOString();
          const id = steps.blobId ? blob(uuidV7()) : uuidV7();
          const key = insertRow.run(id, tableId, index + 1, now, now).lastInsertRowid;
          insertCell.run(key, JSON.stringify(domain(index)), now);
        }
      })();
    },
  };
}

export function run(): BenchResult[] {
  const rows = Number(process.argv.find((value) => value.startsWith('--rows='))?.slice(7) ?? 100_000);
  const layouts = [
    textIds(true, 'today: text uuid ids, cells.table_id (sparse cells)'),
    textIds(true, 'today, rows as a WITHOUT ROWID table', true),
    textIds(false, 'text uuid ids, no cells.table_id'),
    blobIds,
    integerKeys({ tableKey: false, blobId: false, epochTimes: false }),
    integerKeys({ tableKey: true, blobId: false, epochTimes: false }),
    integerKeys({ tableKey: true, blobId: true, epochTimes: false }),
    integerKeys({ tableKey: true, blobId: false, epochTimes: true }),
    integerKeys({ tableKey: true, blobId: true, epochTimes: true }),
  ];
  return layouts.map((layout) => {
    const directory = mkdtempSync(join(tmpdir(), 'fathom-layout-'));
    const path = join(directory, 'layout.db');
    const connection = new SqliteDatabase(path);
    try {
      connection.exec(layout.schema);
      layout.write(connection, rows);
      connection.exec('vacuum');
      const parts = connection.prepare('select name, sum(pgsize) as bytes from dbstat group by name order by bytes desc').all() as {
        name: string;
        bytes: number;
      }[];
      const metrics: Record<string, number> = { bytes_per_row: Math.round(statSync(path).size / rows) };
      for (const part of parts.filter((entry) => entry.bytes / rows >= 1)) metrics[`${part.name}_bytes_per_row`] = Math.round(part.bytes / rows);
      return { name: layout.name, metrics, notes: `${rows.toLocaleString('en')} company rows, one stored input cell each, after VACUUM` };
    } finally {
      connection.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(run(), null, 2));
}
