import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseLocation } from '../src/store/open-database.ts';
import { api, createBenchDatabase, startBenchServer, type BenchResult } from './bench-support.ts';

const BATCH = 1_000;
const PAGES = 20;

/**
 * This checkout's pending migrations (0019 and 0020 when written; 0022, integer cell keys, since) on a database made by another release's server (`--fathom-bin=/work/main/bin/fathom.js`,
 * required): that server makes a company table with an extra agent column, ingests N rows
 * (`--rows=N`, default 100,000) and reads 20 data pages at fixed offsets; this checkout then opens
 * the database (the migration runs, its progress lines counted and timed), and its own server reads
 * the same pages, which must be identical. On SQLite and, when one answers, PostgreSQL.
 */
export async function run(): Promise<BenchResult[]> {
  const fathomBin = argument('fathom-bin');
  if (!fathomBin) throw new Error('--fathom-bin=/path/to/previous/checkout/bin/fathom.js is required');
  const size = Number(argument('rows') ?? 100_000);
  const results: BenchResult[] = [];
  const directory = mkdtempSync(join(tmpdir(), 'fathom-sparse-migration-'));
  try {
    const path = join(directory, 'fathom.db');
    results.push(await measure('sqlite', size, fathomBin, { engine: 'sqlite', path }, () => statSync(path).size));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  const database = await createBenchDatabase('fathom_bench_sparse_migration');
  if (database) {
    try {
      results.push(await measure('postgres', size, fathomBin, { engine: 'postgres', connectionString: database.url }, () => 0));
    } finally {
      await database.drop();
    }
  }
  return results;
}

async function measure(
  engine: 'sqlite' | 'postgres',
  size: number,
  fathomBin: string,
  location: DatabaseLocation,
  fileBytes: () => number,
): Promise<BenchResult> {
  const serverOptions =
    location.engine === 'sqlite' ? { engine, databasePath: location.path } : { engine, postgresUrl: location.connectionString, databasePath: undefined };
  const offsets = Array.from({ length: PAGES }, (_, index) => Math.floor((index * (size - 100)) / PAGES));
  const readAll = async (url: string, tableId: string) => {
    const pages = [];
    for (const offset of offsets) pages.push((await api(url, 'GET', `/v1/tables/${tableId}/data?offset=${offset}&limit=100`)).rows);
    return { pages, table: (await api(url, 'GET', `/v1/tables/${tableId}`)).status };
  };
  const previous = await startBenchServer({ ...serverOptions, fathomBin });
  let tableId: string;
  let before: Awaited<ReturnType<typeof readAll>>;
  try {
    tableId = (await api(previous.url, 'POST', '/v1/tables', { name: 'migration', kind: 'company' })).id;
    await api(previous.url, 'POST', `/v1/tables/${tableId}/columns`, {
      column_configs: [{ kind: 'agent', name: 'About', key: 'about', value: { agent_type: 'llm', prompt: 'About {input}', output_format: 'text' } }],
    });
    for (let offset = 0; offset < size; offset += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, size - offset) }, (_, index) => ({
        data: { input: `company-${String(offset + index).padStart(7, '0')}.example.com` },
      }));
      await api(previous.url, 'POST', `/v1/tables/${tableId}/rows`, { rows });
    }
    before = await readAll(previous.url, tableId);
  } finally {
    await previous.stop();
  }
  const bytesBefore = fileBytes();
  const lines: string[] = [];
  const started = performance.now();
  const opened = await openDatabase(location, { onMigrationProgress: (line) => lines.push(line) });
  const seconds = (performance.now() - started) / 1000;
  await opened.close();
  const current = await startBenchServer(serverOptions);
  try {
    const after = await readAll(current.url, tableId);
    if (!isDeepStrictEqual(after, before)) throw new Error(`${engine}: pages differ after the migration`);
  } finally {
    await current.stop();
  }
  return {
    name: `pending migrations (last line: ${lines.at(-1)?.split(':')[0] ?? 'none'}) on a ${size.toLocaleString('en')}-row company table made by ${fathomBin.replace(/\/bin\/fathom\.js$/, '')} (${engine})`,
    metrics: {
      seconds: Number(seconds.toFixed(2)),
      rows_per_second: Math.round(size / seconds),
      progress_lines: lines.length,
      ...(engine === 'sqlite' ? { file_bytes_per_row_before: Math.round(bytesBefore / size) } : {}),
    },
    notes: `5 cells a row (input, 3 built-ins, 1 agent column) before; ${PAGES} pages and the status block read by both servers, identical; last progress line: ${lines.at(-1)}`,
  };
}

function argument(name: string): string | undefined {
  return process.argv.find((value) => value.startsWith(`--${name}=`))?.slice(name.length + 3);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
