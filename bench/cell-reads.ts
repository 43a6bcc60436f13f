import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { Cell } from '../src/domain/records.ts';
import type { Database } from '../src/store/database-schema.ts';
import { absentUpdatedAt } from '../src/store/kysely/absent-cells.ts';
import { toCell } from '../src/store/kysely/mappers.ts';
import { listCells, listStoredCells } from '../src/store/kysely/row-queries.ts';
import { fromStoredTime } from '../src/store/kysely/stored-time.ts';
import { FifoSqliteDialect } from '../src/store/sqlite/fifo-sqlite-dialect.ts';
import { api, percentile, startBenchServer, type BenchResult } from './bench-support.ts';

const BATCH = 1_000;
const PAGE = 100;

/**
 * The one read sparse cells changed, measured alone and interleaved in one process on SQLite:
 * a 100-row page's cells. "before": the previous release's read (the stored cells of the rows,
 * by primary key) on the previous release's layout (every placeholder stored); "after":
 * `listCells` (stored cells, rows, columns; absent cells filled in) on the sparse layout; and, for
 * the record, one rows × columns LEFT JOIN cells statement on the sparse layout. Same rows, same offsets.
 * `--rows=N` (default 100,000), `--reads=N` (default 2,000 of each).
 */
export async function run(): Promise<BenchResult[]> {
  const size = Number(argument('rows') ?? 100_000);
  const reads = Number(argument('reads') ?? 2_000);
  const directory = mkdtempSync(join(tmpdir(), 'fathom-cell-reads-'));
  const sparsePath = join(directory, 'sparse.db');
  const densePath = join(directory, 'dense.db');
  try {
    const server = await startBenchServer({ engine: 'sqlite', databasePath: sparsePath });
    let tableId: string;
    try {
      tableId = (await api(server.url, 'POST', '/v1/tables', { name: 'cell reads', kind: 'company' })).id;
      for (let offset = 0; offset < size; offset += BATCH) {
        const rows = Array.from({ length: Math.min(BATCH, size - offset) }, (_, index) => ({
          data: { input: `company-${String(offset + index).padStart(7, '0')}.example.com` },
        }));
        await api(server.url, 'POST', `/v1/tables/${tableId}/rows`, { rows });
      }
    } finally {
      await server.stop();
    }
    copyFileSync(sparsePath, densePath);
    const denseConnection = new SqliteDatabase(densePath);
    // The previous release's layout: a placeholder for every (row, column) without a cell.
    // (Cells keyed by integers since migration 0022; row times epoch ms since 0025, cell times ISO text.)
    denseConnection.exec(`insert into cells (row_key, column_key, status, value, error, is_input, attempts, updated_at)
      select r.key, c.column_key, 'created', null, null, case when c.kind = 'input' then 1 else 0 end, 0,
             max(case when typeof(r.created_at) = 'integer' then strftime('%Y-%m-%dT%H:%M:%fZ', r.created_at / 1000.0, 'unixepoch') else r.created_at end, c.created_at)
      from rows r join tables t on t.table_key = r.table_key join columns c on c.table_id = t.id
      where not exists (select 1 from cells s where s.row_key = r.key and s.column_key = c.column_key)`);
    const sparseConnection = new SqliteDatabase(sparsePath);
    for (const connection of [denseConnection, sparseConnection]) connection.pragma('cache_size = -32768');
    const dense = new Kysely<Database>({ dialect: new FifoSqliteDialect(denseConnection) });
    const sparse = new Kysely<Database>({ dialect: new FifoSqliteDialect(sparseConnection) });
    const rowIdsAt = (offset: number) =>
      (
        sparseConnection
          .prepare('select id from rows where table_key = (select table_key from tables where id = ?) and seq > ? order by seq limit ?')
          .all(tableId, offset, PAGE) as { id: string }[]
      ).map((row) => row.id);
    const before: number[] = [];
    const after: number[] = [];
    const filled: number[] = [];
    for (let read = 0; read < reads; read += 1) {
      const ids = rowIdsAt(Math.floor(Math.random() * (size - PAGE)));
      let started = performance.now();
      // The previous release's read: the stored cells of the rows (every cell was stored then).
      const old = await listStoredCells(dense, ids);
      before.push(performance.now() - started);
      started = performance.now();
      const now = await listCells(sparse, ids);
      after.push(performance.now() - started);
      started = performance.now();
      const alternative = await oneJoin(sparse, ids);
      filled.push(performance.now() - started);
      if (alternative.length !== now.length) throw new Error('alternative read differs');
      if (old.length !== now.length) throw new Error(`different cells: ${old.length} before, ${now.length} after`);
    }
    await dense.destroy();
    await sparse.destroy();
    before.sort((left, right) => left - right);
    after.sort((left, right) => left - right);
    filled.sort((left, right) => left - right);
    const metrics = {
      before_p50_ms: round(percentile(before, 0.5)),
      before_p99_ms: round(percentile(before, 0.99)),
      after_p50_ms: round(percentile(after, 0.5)),
      after_p99_ms: round(percentile(after, 0.99)),
      after_over_before_p50: round(percentile(after, 0.5) / percentile(before, 0.5)),
      one_join_p50_ms: round(percentile(filled, 0.5)),
      one_join_p99_ms: round(percentile(filled, 0.99)),
    };
    return [
      {
        name: `cells of a ${PAGE}-row page, ${size.toLocaleString('en')}-row company table (sqlite)`,
        metrics,
        notes: `${reads} reads each, interleaved, random offsets`,
      },
    ];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The other read measured for the decision: rows × their tables' columns LEFT JOIN cells, one statement. */
async function oneJoin(db: Kysely<Database>, rowIds: string[]): Promise<Cell[]> {
  const rows = await db
    .selectFrom('rows as r')
    .innerJoin('tables as t', 't.table_key', 'r.table_key')
    .innerJoin('columns as c', 'c.table_id', 't.id')
    .leftJoin('cells as s', (join) => join.onRef('s.row_key', '=', 'r.key').onRef('s.column_key', '=', 'c.column_key'))
    .select([
      'r.id as row_id',
      'c.id as column_id',
      'r.created_at as row_created_at',
      'c.created_at as column_created_at',
      'c.kind',
      's.status',
      's.value',
      's.error',
      's.is_input',
      's.updated_at',
      's.stale',
    ])
    .where('r.id', 'in', rowIds)
    .execute();
  return rows.map((row) =>
    row.status === null
      ? {
          rowId: row.row_id,
          columnId: row.column_id,
          status: 'created' as const,
          value: null,
          error: null,
          isInput: row.kind === 'input',
          updatedAt: absentUpdatedAt(fromStoredTime(row.row_created_at), row.column_created_at),
        }
      : toCell(
          { ...row, status: row.status, is_input: row.is_input!, updated_at: row.updated_at },
          row.row_id,
          row.column_id,
          fromStoredTime(row.row_created_at),
        ),
  );
}

function argument(name: string): string | undefined {
  return process.argv.find((value) => value.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const round = (value: number) => Number(value.toFixed(3));

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
