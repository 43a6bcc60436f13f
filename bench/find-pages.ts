import Database from 'better-sqlite3';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, createBenchDatabase, percentile, startBenchServer, type BenchResult } from './bench-support.ts';

/**
 * Issue 16.1 / 11.1: 100-row data pages of a 100,000-row table, filtered, sorted, searched, and
 * plain at shallow and deep offsets, on both databases (`--million`: the plain pages at
 * 1,000,000 rows too). Reads alternate between the kinds of page in one loop, so a burst of load
 * from other jobs on the machine lands on all of them alike.
 * Targets: filtered or sorted page p99 ≤ 100 ms on SQLite; deep-page p99 ≤ 20 ms and deep/shallow
 * p50 ≤ 2× (at 1M rows on SQLite).
 */
const READS_PER_KIND = 60;
const BATCH = 1_000;
const INDUSTRIES = ['Fintech', 'Retail', 'Health', 'Energy', 'Logistics'];

export async function run(options: { million?: boolean } = {}): Promise<BenchResult[]> {
  const million = options.million || process.argv.includes('--million');
  const results: BenchResult[] = [];
  // `--only-million`: just the 1,000,000-row plain pages (the 100,000-row runs take as long again).
  if (process.argv.includes('--only-million')) return [await measure('sqlite', 1_000_000, { plainOnly: true })];
  // `--only-sqlite`: the 100,000-row SQLite run alone (a repetition without the PostgreSQL half).
  if (process.argv.includes('--only-sqlite')) return [await measure('sqlite', 100_000)];
  results.push(await measure('sqlite', 100_000));
  if (million) results.push(await measure('sqlite', 1_000_000, { plainOnly: true }));
  const database = await createBenchDatabase('fathom_bench_find');
  if (database) {
    try {
      results.push(await measure('postgres', 100_000, { postgresUrl: database.url }));
    } finally {
      await database.drop();
    }
  } else {
    results.push({ name: 'find pages (postgres)', metrics: {}, notes: 'skipped: no PostgreSQL answered' });
  }
  return results;
}

async function measure(engine: 'sqlite' | 'postgres', totalRows: number, options: { postgresUrl?: string; plainOnly?: boolean } = {}): Promise<BenchResult> {
  const directory = mkdtempSync(join(tmpdir(), 'fathom-bench-find-'));
  const databasePath = join(directory, 'fathom.db');
  const server = await startBenchServer({ engine, postgresUrl: options.postgresUrl, databasePath });
  try {
    const table = await api(server.url, 'POST', '/v1/tables', {
      name: 'bench find',
      kind: 'generic',
      column_configs: [
        { kind: 'input', name: 'Industry', key: 'industry' },
        { kind: 'input', name: 'Employees', key: 'employees' },
        { kind: 'input', name: 'Founded', key: 'founded' },
        { kind: 'agent', name: 'Summary', key: 'summary', value: { agent_type: 'llm', prompt: 'Summarise {input}' } },
      ],
    });
    for (let offset = 0; offset < totalRows; offset += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, totalRows - offset) }, (_, index) => {
        const number = offset + index;
        return {
          data: {
            input: `company-${number}.example`,
            industry: INDUSTRIES[number % INDUSTRIES.length],
            employees: (number * 7_919) % 100_003,
            founded: `${1950 + (number % 70)}-${String(1 + (number % 12)).padStart(2, '0')}-01`,
          },
        };
      });
      await api(server.url, 'POST', `/v1/tables/${table.id}/rows`, { rows });
    }
    await markComputedCells(engine, databasePath, options.postgresUrl, table.id);

    const path = `/v1/tables/${table.id}/data`;
    const page = (query: Record<string, string>) => `${path}?${new URLSearchParams({ limit: '100', ...query })}`;
    const randomOffset = (from: number, to: number) => String(Math.floor(from + Math.random() * (to - from - 100)));
    const kinds: Record<string, () => string> = {
      plain_shallow: () => page({ offset: randomOffset(0, 1_000) }),
      plain_deep: () => page({ offset: randomOffset(totalRows / 2, totalRows) }),
    };
    if (!options.plainOnly) {
      Object.assign(kinds, {
        filter_label: () => page({ filter: JSON.stringify([{ column: 'industry', one_of: ['Fintech'] }]) }),
        filter_range: () => page({ filter: JSON.stringify([{ column: 'employees', min: 10_000, max: 30_000 }]) }),
        filter_failed_any: () => page({ filter: JSON.stringify([{ status: 'failed' }]) }),
        filter_contains: () => page({ filter: JSON.stringify([{ column: 'input', contains: '99' }]) }),
        search: () => page({ q: 'logistics' }),
        sort_number: () => page({ sort: '-employees' }),
        sort_text_filtered: () => page({ sort: 'founded', filter: JSON.stringify([{ column: 'industry', equals: 'Energy' }]) }),
      });
    }
    // The first deep read after a load builds the table's position directory (one index scan); it
    // is timed on its own, and the loop below measures pages once it exists.
    const buildStarted = performance.now();
    await api(server.url, 'GET', kinds.plain_deep!());
    const firstDeepReadMs = performance.now() - buildStarted;
    const latencies = new Map<string, number[]>(Object.keys(kinds).map((kind) => [kind, []]));
    for (let round = 0; round < READS_PER_KIND; round += 1) {
      for (const [kind, url] of Object.entries(kinds)) {
        const started = performance.now();
        const body = await api(server.url, 'GET', url());
        latencies.get(kind)!.push(performance.now() - started);
        if (body.rows.length === 0) throw new Error(`${kind}: empty page`);
      }
    }
    // Cursor walk: 40 consecutive pages from the middle of a filtered, sorted order.
    const cursorLatencies: number[] = [];
    if (!options.plainOnly) {
      let cursor: string | null = null;
      const query = { sort: 'employees', filter: JSON.stringify([{ column: 'industry', one_of: ['Retail', 'Health'] }]), limit: '100' };
      for (let step = 0; step < 140; step += 1) {
        const started = performance.now();
        const body: { next_cursor: string | null } = await api(server.url, 'GET', `${path}?${new URLSearchParams(cursor ? { ...query, cursor } : query)}`);
        if (step >= 100) cursorLatencies.push(performance.now() - started);
        cursor = body.next_cursor;
      }
    }
    const metrics: Record<string, number> = {};
    for (const [kind, values] of latencies) {
      values.sort((left, right) => left - right);
      metrics[`${kind}_p50_ms`] = round(percentile(values, 0.5));
      metrics[`${kind}_p99_ms`] = round(percentile(values, 0.99));
    }
    metrics.deep_over_shallow_p50 = round(metrics.plain_deep_p50_ms! / metrics.plain_shallow_p50_ms!);
    if (cursorLatencies.length > 0) {
      cursorLatencies.sort((left, right) => left - right);
      metrics.cursor_sorted_filtered_page_100_to_140_p50_ms = round(percentile(cursorLatencies, 0.5));
      metrics.cursor_sorted_filtered_page_100_to_140_p99_ms = round(percentile(cursorLatencies, 0.99));
    }
    metrics.first_deep_read_building_directory_ms = round(firstDeepReadMs);
    metrics.server_peak_rss_mb = Math.round(server.peakRssMb());
    return {
      name: `find pages ${totalRows.toLocaleString('en')} rows (${engine})`,
      metrics,
      notes: `${READS_PER_KIND} reads of each kind of 100-row page, interleaved; a ${totalRows}-row table with 4 inputs and 1 computed column (1 % failed, half done)`,
    };
  } finally {
    await server.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Give the computed column answers and failures, as a run would have (written directly: no model here). */
async function markComputedCells(engine: 'sqlite' | 'postgres', databasePath: string, postgresUrl: string | undefined, tableId: string): Promise<void> {
  // Upserts: cells are sparse (a computed cell that never ran is not stored), and on an older
  // release's layout the placeholder is there to update.
  // Cells are keyed by integers since migration 0022, and rows name their table by its key; an
  // older checkout keys them by text ids. A written cell's time is its column's (ISO text): row
  // times are epoch ms since 0025, and cell times are still text.
  const upsert = (isKeyed: boolean, status: string, value: string, error: string, rowsWhere: string, updated: string) =>
    isKeyed
      ? `insert into cells (row_key, column_key, status, value, error, is_input, attempts, updated_at)
     select r.key, c.column_key, '${status}', ${value}, ${error}, 0, 0, c.created_at
     from rows r join tables t on t.table_key = r.table_key join columns c on c.table_id = t.id
     where t.id = $1 and c.kind <> 'input' and ${rowsWhere}
     on conflict (row_key, column_key) do update set ${updated}`
      : `insert into cells (row_id, column_id, table_id, status, value, error, is_input, attempts, updated_at)
     select r.id, c.id, r.table_id, '${status}', ${value}, ${error}, 0, 0, r.created_at from rows r join columns c on c.table_id = r.table_id
     where r.table_id = $1 and c.kind <> 'input' and ${rowsWhere}
     on conflict (row_id, column_id) do update set ${updated}`;
  const statementsFor = (isKeyed: boolean) => [
    upsert(
      isKeyed,
      'done',
      `'{"answer":"A summary","source":[],"explanation":"bench"}'`,
      'null',
      'r.seq % 2 = 0',
      'status = excluded.status, value = excluded.value',
    ),
    upsert(isKeyed, 'failed', 'null', `'bench failure'`, 'r.seq % 100 = 7', 'status = excluded.status, error = excluded.error'),
  ];
  if (engine === 'sqlite') {
    const database = new Database(databasePath);
    database.pragma('busy_timeout = 10000');
    const statements = statementsFor(
      (database.prepare(`select count(*) as count from pragma_table_info('cells') where name = 'row_key'`).get() as { count: number }).count > 0,
    );
    for (const statement of statements) database.prepare(statement.replaceAll('$1', '@table')).run({ table: tableId });
    database.close();
    return;
  }
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  const keyed = await client.query(
    `select 1 from information_schema.columns where table_name = 'cells' and column_name = 'row_key' and table_schema = current_schema()`,
  );
  for (const statement of statementsFor(keyed.rows.length > 0)) await client.query(statement, [tableId]);
  await client.query('vacuum analyze cells');
  await client.query('vacuum analyze rows');
  await client.end();
}

function round(value: number): number {
  return Number(value.toFixed(2));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
