import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { uuidV7 } from '../src/domain/uuid-v7.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { createFathom } from '../src/main.ts';
import { ensureUser } from '../src/services/api-tokens.ts';
import { addRows } from '../src/services/row-service.ts';
import { createTable } from '../src/services/table-service.ts';
import { openDatabase } from '../src/store/open-database.ts';
import { api, createBenchDatabase, percentile, startBenchServer, type BenchResult } from './bench-support.ts';
import { postgresSideBySide } from './engine.ts';

const BATCH = 1_000;
const PAGE_READS = 200;
const DEFAULT_SIZES = [10_000, 100_000];

/**
 * Issue 11's scale curve: at each table size, on both databases, a fresh server ingests a
 * company table (one 25-character domain per row, requests of 1,000 rows), then reads 100-row
 * data pages near the start and near the end right after the load; bytes per row and the
 * server's peak RSS. Side-by-side rows from the same run: a raw better-sqlite3 insert of the same
 * rows and cells in this process, and Fathom's engine against graphile-worker on PostgreSQL.
 * Sizes: 10,000 and 100,000 by default; `--scale-sizes=10000,100000,1000000` or `--million`
 * (adds 1,000,000) choose others; `--skip-engine` leaves out the engine side-by-side rows;
 * `--checkout=PATH` measures another checkout's server (a base beside a branch) with this bench;
 * `--only-postgres` leaves out SQLite; `--only-sqlite` leaves out PostgreSQL.
 */
export async function run(options: { sizes?: number[] } = {}): Promise<BenchResult[]> {
  const sizes = options.sizes ?? sizesFromArguments();
  const results: BenchResult[] = [];
  // `--only-postgres`: the PostgreSQL half alone (its 1,000,000-row load is the slow part to repeat).
  const onlyPostgres = process.argv.includes('--only-postgres');
  // `--only-sqlite`: the SQLite half alone (to repeat its measures side by side with another checkout).
  const onlySqlite = process.argv.includes('--only-sqlite');
  for (const size of sizes) {
    if (!onlyPostgres) {
      results.push(await rawSqliteInsert(size));
      results.push(await serviceWritePath(size));
      results.push(await measure('sqlite', size));
    }
    if (onlySqlite) continue;
    const database = await createBenchDatabase('fathom_bench_scale');
    if (!database) {
      results.push({ name: `scale ${size} rows (postgres)`, metrics: {}, notes: 'skipped: no PostgreSQL answered' });
      continue;
    }
    try {
      results.push(await measure('postgres', size, database.url));
    } finally {
      await database.drop();
    }
  }
  if (!process.argv.includes('--skip-engine')) results.push(...(await postgresSideBySide(1)));
  return results;
}

function sizesFromArguments(): number[] {
  const listed = process.argv.find((argument) => argument.startsWith('--scale-sizes='))?.slice('--scale-sizes='.length);
  if (listed) return listed.split(',').map(Number);
  return process.argv.includes('--million') ? [...DEFAULT_SIZES, 1_000_000] : DEFAULT_SIZES;
}

const domain = (index: number) => `company-${String(index).padStart(7, '0')}.example.com`;

async function measure(engine: 'sqlite' | 'postgres', size: number, postgresUrl?: string): Promise<BenchResult> {
  const directory = mkdtempSync(join(tmpdir(), 'fathom-scale-'));
  const databasePath = join(directory, 'fathom.db');
  const checkout = process.argv.find((argument) => argument.startsWith('--checkout='))?.slice('--checkout='.length);
  const server = await startBenchServer({ engine, postgresUrl, databasePath, checkout });
  let stopped = false;
  try {
    const table = await api(server.url, 'POST', '/v1/tables', { name: `scale ${size}`, kind: 'company' });
    // CPU is steadier than rates on a shared machine: the server's, and (PostgreSQL) its database's backends'.
    const databaseName = postgresUrl ? new URL(postgresUrl).pathname.slice(1) : null;
    const cpu = new CpuSampler(server.child.pid!, databaseName);
    const ingestStart = performance.now();
    for (let offset = 0; offset < size; offset += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, size - offset) }, (_, index) => ({ data: { input: domain(offset + index) } }));
      await api(server.url, 'POST', `/v1/tables/${table.id}/rows`, { rows });
      if (offset % 20_000 === 0) cpu.sample();
    }
    const ingestSeconds = (performance.now() - ingestStart) / 1000;
    const ingestCpu = cpu.sample();
    const visibleAfterLoad = engine === 'postgres' ? await postgresAllVisible(postgresUrl!) : null;
    const maintenance = engine === 'postgres' ? await postgresMaintenanceCounts(postgresUrl!) : null;
    // Right after the load: no pause for autovacuum or statistics. The first read past row 256
    // builds the position directory (a walk of the whole table's index), so it is timed on its own.
    const firstDeepStart = performance.now();
    await readPages(server.url, table.id, () => size - 100, 1);
    const firstDeepMs = performance.now() - firstDeepStart;
    const shallow = await readPages(server.url, table.id, () => Math.floor(Math.random() * 1_000));
    const deep = await readPages(server.url, table.id, () => size - 100 - Math.floor(Math.random() * 1_000));
    const filtered = await readFilteredPages(server.url, table.id, size);
    const peakRssMb = server.peakRssMb();
    let bytes: number;
    if (engine === 'postgres') bytes = await postgresBytes(postgresUrl!);
    else {
      // Closing the server checkpoints the WAL into the file, so the file is the whole database.
      await server.stop();
      stopped = true;
      bytes = statSync(databasePath).size;
    }
    return {
      name: `scale ${size.toLocaleString('en')} rows (${engine})`,
      metrics: {
        ingest_rows_per_second: Math.round(size / ingestSeconds),
        ingest_server_cpu_s: round(ingestCpu.server),
        ...(databaseName ? { ingest_postgres_backends_cpu_s: round(ingestCpu.database) } : {}),
        shallow_page_p50_ms: round(percentile(shallow, 0.5)),
        shallow_page_p99_ms: round(percentile(shallow, 0.99)),
        deep_page_p50_ms: round(percentile(deep, 0.5)),
        deep_page_p99_ms: round(percentile(deep, 0.99)),
        deep_over_shallow_p50: round(percentile(deep, 0.5) / percentile(shallow, 0.5)),
        first_deep_page_ms: round(firstDeepMs),
        ...filtered,
        ...(visibleAfterLoad ? { rows_all_visible_pct_after_load: visibleAfterLoad.rows, cells_all_visible_pct_after_load: visibleAfterLoad.cells } : {}),
        ...(maintenance ? { cells_vacuums_during_load: maintenance.vacuums, cells_analyzes_during_load: maintenance.analyzes } : {}),
        bytes_per_row: Math.round(bytes / size),
        server_peak_rss_mb: Math.round(peakRssMb),
      },
      notes: `company table (4 cells a row), requests of ${BATCH}; one page at the end (building the position directory), then ${PAGE_READS} 100-row pages each at offsets < 1,000 and within 1,100 of the end, right after the load; ${FILTERED_READS} filtered pages of each kind (contains: a tenth of the rows, at offsets < 1,000 of the matches; equals: one row anywhere; not run: every row's company name, at offsets < 1,000); bytes: ${
        engine === 'sqlite' ? 'database file after close' : 'rows + cells with indexes and TOAST'
      }`,
    };
  } finally {
    if (!stopped) await server.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

async function readPages(url: string, tableId: string, offsetOf: () => number, reads = PAGE_READS): Promise<number[]> {
  const latencies: number[] = [];
  for (let read = 0; read < reads; read += 1) {
    const offset = offsetOf();
    const started = performance.now();
    const page = await api(url, 'GET', `/v1/tables/${tableId}/data?offset=${offset}&limit=100`);
    latencies.push(performance.now() - started);
    if (page.rows.length !== 100 || page.rows[0].data.input.value !== domain(offset)) throw new Error(`wrong page at offset ${offset}`);
  }
  return latencies.sort((left, right) => left - right);
}

const FILTERED_READS = 60;

/**
 * Filtered 100-row pages right after the load, interleaved so load on the machine lands on each
 * kind alike: an input `contains` that a tenth of the rows match (domains ending in 7), at
 * offsets below 1,000 of its matches; an input `equals` one domain anywhere in the table (finding
 * one row among all of them); and computed cells not run yet (every row: absent cells read as
 * not run), at offsets below 1,000. Each page is checked against what it must hold.
 */
async function readFilteredPages(url: string, tableId: string, size: number): Promise<Record<string, number>> {
  const filterPath = (filter: unknown[], offset: number, limit = 100) =>
    `/v1/tables/${tableId}/data?${new URLSearchParams({ filter: JSON.stringify(filter), offset: String(offset), limit: String(limit) })}`;
  const kinds: Record<string, () => Promise<void>> = {
    filter_contains: async () => {
      const offset = Math.floor(Math.random() * Math.min(1_000, size / 10 - 100));
      const page = await api(url, 'GET', filterPath([{ column: 'input', contains: '7.example' }], offset));
      // The matches are rows 7, 17, 27, …: the offset-th of them is row 10 × offset + 7.
      if (page.rows.length !== 100 || page.rows[0].data.input.value !== domain(10 * offset + 7)) throw new Error(`wrong contains page at ${offset}`);
    },
    filter_equals: async () => {
      const index = Math.floor(Math.random() * size);
      const page = await api(url, 'GET', filterPath([{ column: 'input', equals: domain(index) }], 0));
      if (page.rows.length !== 1 || page.rows[0].data.input.value !== domain(index)) throw new Error(`wrong equals page for row ${index}`);
    },
    filter_not_run: async () => {
      const offset = Math.floor(Math.random() * 1_000);
      const page = await api(url, 'GET', filterPath([{ column: 'company_name', status: 'not_run' }], offset));
      if (page.rows.length !== 100 || page.rows[0].data.input.value !== domain(offset)) throw new Error(`wrong not-run page at ${offset}`);
    },
  };
  const latencies = new Map<string, number[]>(Object.keys(kinds).map((kind) => [kind, []]));
  for (let read = 0; read < FILTERED_READS; read += 1) {
    for (const [kind, readPage] of Object.entries(kinds)) {
      const started = performance.now();
      await readPage();
      latencies.get(kind)!.push(performance.now() - started);
    }
  }
  const metrics: Record<string, number> = {};
  for (const [kind, values] of latencies) {
    values.sort((left, right) => left - right);
    metrics[`${kind}_page_p50_ms`] = round(percentile(values, 0.5));
    metrics[`${kind}_page_p99_ms`] = round(percentile(values, 0.99));
  }
  return metrics;
}

/**
 * CPU seconds used since it was made by a process and (PostgreSQL) by the backends connected to a
 * database, found by their process titles; sampled now and then so backends that exit still count.
 */
class CpuSampler {
  private readonly start: number;
  private readonly backends = new Map<number, { first: number; last: number }>();
  private isStarting = true;
  constructor(
    private readonly serverPid: number,
    private readonly databaseName: string | null,
  ) {
    this.start = cpuSecondsOf(serverPid) ?? 0;
    this.sample();
    this.isStarting = false;
  }

  sample(): { server: number; database: number } {
    if (this.databaseName) {
      for (const entry of readdirSync('/proc')) {
        const pid = Number(entry);
        if (!Number.isInteger(pid)) continue;
        let title: string;
        try {
          title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        } catch {
          continue;
        }
        if (!title.startsWith('postgres:') || !title.includes(` ${this.databaseName} `)) continue;
        const seconds = cpuSecondsOf(pid);
        if (seconds === null) continue;
        const known = this.backends.get(pid);
        // Backends there at the start count from then; any seen later was started since, so all its time counts.
        if (known) known.last = seconds;
        else this.backends.set(pid, { first: this.isStarting ? seconds : 0, last: seconds });
      }
    }
    let database = 0;
    for (const { first, last } of this.backends.values()) database += last - first;
    return { server: (cpuSecondsOf(this.serverPid) ?? 0) - this.start, database };
  }
}

function cpuSecondsOf(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/**
 * How much of rows and cells the visibility map marks all-visible (percent of pages), read as the
 * load's last request answers: below 100, index scans still visit the heap for those pages.
 */
async function postgresAllVisible(url: string): Promise<{ rows: number; cells: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('create extension if not exists pg_visibility');
    const percent = async (table: string) => {
      const { rows } = await client.query<{ visible: string; total: string }>(
        `select count(*) filter (where all_visible) as visible, count(*) as total from pg_visibility_map('${table}')`,
      );
      return round((100 * Number(rows[0]!.visible)) / Math.max(1, Number(rows[0]!.total)));
    };
    return { rows: await percent('rows'), cells: await percent('cells') };
  } finally {
    await client.end();
  }
}

/** VACUUMs and ANALYZEs of cells so far (the server's refreshes: autovacuum may be off, and is slower). */
async function postgresMaintenanceCounts(url: string): Promise<{ vacuums: number; analyzes: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ vacuums: string; analyzes: string }>(
      `select vacuum_count + autovacuum_count as vacuums, analyze_count + autoanalyze_count as analyzes from pg_stat_user_tables where relid = 'cells'::regclass`,
    );
    return { vacuums: Number(rows[0]!.vacuums), analyzes: Number(rows[0]!.analyzes) };
  } finally {
    await client.end();
  }
}

async function postgresBytes(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ bytes: string }>(
      `select pg_total_relation_size('rows') + pg_total_relation_size('cells') + pg_total_relation_size('table_cell_counts') as bytes`,
    );
    return Number(rows[0]!.bytes);
  } finally {
    await client.end();
  }
}

/**
 * The limit the API's write path is measured against: what the server stores for each row, written
 * by better-sqlite3 with prepared statements in transactions of 1,000 rows, in this process, into a
 * file made by Fathom's own migrations (so every index the server keeps, the sort-key expression
 * index included, is paid here too), opened as the server opens it. Each row is its `rows` entry
 * and its one stored cell, the input (computed cells that never ran are not stored), and each
 * transaction moves the table's row sequence and one counter shard, as the server's does. Keyed by
 * the same time-ordered ids (random ones would measure page splits, not the write path).
 */
async function rawSqliteInsert(size: number): Promise<BenchResult> {
  const directory = mkdtempSync(join(tmpdir(), 'fathom-raw-'));
  const path = join(directory, 'raw.db');
  await (await openDatabase({ engine: 'sqlite', path })).close();
  const connection = new SqliteDatabase(path);
  try {
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = NORMAL');
    connection.pragma('cache_size = -32768');
    const tableId = uuidV7();
    const columnId = uuidV7();
    const created = new Date().toISOString();
    connection.prepare("insert into workspaces (id, name, slug, created_at) values ('w', 'w', 'w', ?)").run(created);
    const tableInsert = connection
      .prepare(
        "insert into tables (id, workspace_id, owner_id, name, kind, notify, settings, created_at, updated_at, last_row_seq, num_rows) values (?, 'w', 'u', 'raw', 'company', 0, '{}', ?, ?, 0, 0)",
      )
      .run(tableId, created, created);
    // Rows name their table by its integer key (the rowid) where the schema has it, else by id (a checkout from before).
    const hasTableKey =
      (connection.prepare(`select count(*) as count from pragma_table_info('rows') where name = 'table_key'`).get() as { count: number }).count > 0;
    const rowTable = hasTableKey ? Number(tableInsert.lastInsertRowid) : tableId;
    // Cells are keyed by the integer keys of their row and column (migration 0022): the input
    // column's key once, each row's key from its insert (the rowid), as the server's writer does.
    const columnKey = Number(
      connection
        .prepare("insert into columns (id, table_id, key, kind, position, config, created_at) values (?, ?, 'input', 'input', 0, '{}', ?)")
        .run(columnId, tableId, created).lastInsertRowid,
    );
    // Row times are epoch ms where the schema declares them so (0025), as the server writes them.
    const epochRowTimes =
      (connection.prepare(`select type from pragma_table_info('rows') where name = 'created_at'`).get() as { type: string }).type.toLowerCase() === 'integer';
    const insertRow = connection.prepare(
      `insert into rows (id, ${hasTableKey ? 'table_key' : 'table_id'}, seq, parent_row_id, company_profile_id, metadata, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertCell = connection.prepare(
      'insert into cells (row_key, column_key, status, value, error, is_input, attempts, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const moveTable = connection.prepare('update tables set last_row_seq = last_row_seq + ?, num_rows = num_rows + ?, updated_at = ? where id = ?');
    // Three computed built-ins a row, counted as created though not stored.
    const countCreated = connection.prepare(
      'insert into table_cell_counts (table_id, shard, cells_created, cells_requested, cells_in_progress, cells_done, cells_failed) values (?, ?, ?, 0, 0, 0, 0) on conflict (table_id, shard) do update set cells_created = table_cell_counts.cells_created + excluded.cells_created',
    );
    const started = performance.now();
    for (let offset = 0; offset < size; offset += BATCH) {
      const now = new Date().toISOString();
      const count = Math.min(size, offset + BATCH) - offset;
      connection.transaction(() => {
        for (let index = offset; index < offset + count; index += 1) {
          const rowId = uuidV7();
          const rowTime = epochRowTimes ? Date.parse(now) : now;
          const rowKey = insertRow.run(rowId, rowTable, index + 1, null, null, null, rowTime, rowTime).lastInsertRowid;
          insertCell.run(rowKey, columnKey, 'done', JSON.stringify(domain(index)), null, 1, 0, now);
        }
        moveTable.run(count, count, now, tableId);
        countCreated.run(tableId, Math.floor(Math.random() * 16), count * 3);
      })();
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      name: `raw better-sqlite3 insert, ${size.toLocaleString('en')} rows`,
      metrics: { rows_per_second: Math.round(size / seconds) },
      notes:
        "what the server stores per row (its rows entry and input cell) into the server's own schema and indexes, prepared statements, transactions of 1,000, in the bench process",
    };
  } finally {
    connection.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * Issue 11 item 5's comparison: Fathom's write path (the row service's `addRows`, as a request of
 * 1,000 rows calls it: validation, ids, rows and cells, counters, the echoed rows) in this
 * process, on a file of its own, beside the raw insert above. The HTTP ingest row adds the
 * request and response on top (parsing, serialising, the socket, another process).
 */
async function serviceWritePath(size: number): Promise<BenchResult> {
  const directory = mkdtempSync(join(tmpdir(), 'fathom-service-'));
  const config = loadConfig({ FATHOM_DB_PATH: join(directory, 'fathom.db'), FATHOM_LOG_LEVEL: 'silent' });
  const fathom = await createFathom({ config, logger: createLogger('silent'), withApi: false, withWorkers: false });
  try {
    const { workspace, user } = await ensureUser(fathom.services, 'bench', 'bench@localhost');
    const principal = { workspace, user, tokenId: 'bench' };
    const table = await createTable(fathom.services, principal, { name: 'write path', kind: 'company' });
    const started = performance.now();
    for (let offset = 0; offset < size; offset += BATCH) {
      const inputs = Array.from({ length: Math.min(BATCH, size - offset) }, (_, index) => ({ data: { input: domain(offset + index) } }));
      await addRows(fathom.services, principal, table.table.id, inputs);
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      name: `Fathom write path in process (addRows), ${size.toLocaleString('en')} rows`,
      metrics: { rows_per_second: Math.round(size / seconds) },
      notes: 'the row service called as a request of 1,000 rows calls it, on SQLite, in the bench process; compare with the raw insert row',
    };
  } finally {
    await fathom.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

const round = (value: number) => Number(value.toFixed(2));

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
