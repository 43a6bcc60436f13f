import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { api, startBenchServer, type BenchResult } from './bench-support.ts';

const BATCH = 1_000;
const CELLS_PER_ROW = 4;

/**
 * Where a company table's bytes go on SQLite (issue 11 item 2): a fresh server ingests a
 * company table (one 25-character domain per row: 4 cells a row, the input and 3 built-in
 * computed columns), then its file is read with `dbstat` (per table and index); then every
 * computed cell is given an agent answer ({answer, source, explanation}, as the engine writes
 * one) and the file is measured again after VACUUM. Bytes per row and per cell (4 a row).
 * `--rows=N` (default 20,000); `--fathom-bin=/other/checkout/bin/fathom.js` measures another
 * release's server (e.g. main) with the same steps, for a side-by-side.
 */
export async function run(): Promise<BenchResult[]> {
  const size = Number(argument('rows') ?? 20_000);
  const fathomBin = argument('fathom-bin');
  const label = fathomBin ? `(${fathomBin.replace(/\/bin\/fathom\.js$/, '')})` : '(this checkout)';
  const directory = mkdtempSync(join(tmpdir(), 'fathom-cell-bytes-'));
  const databasePath = join(directory, 'fathom.db');
  try {
    const server = await startBenchServer({ engine: 'sqlite', databasePath, ...(fathomBin ? { fathomBin } : {}) });
    try {
      const table = await api(server.url, 'POST', '/v1/tables', { name: 'cell bytes', kind: 'company' });
      for (let offset = 0; offset < size; offset += BATCH) {
        const rows = Array.from({ length: Math.min(BATCH, size - offset) }, (_, index) => ({ data: { input: domain(offset + index) } }));
        await api(server.url, 'POST', `/v1/tables/${table.id}/rows`, { rows });
      }
    } finally {
      // Closing checkpoints the WAL into the file.
      await server.stop();
    }
    const results = [measure(`company table, inputs only, ${size.toLocaleString('en')} rows ${label}`, databasePath, size)];
    answerEveryComputedCell(databasePath);
    results.push(measure(`company table, every computed cell answered, ${size.toLocaleString('en')} rows ${label}`, databasePath, size));
    return results;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const domain = (index: number) => `company-${String(index).padStart(7, '0')}.example.com`;

function argument(name: string): string | undefined {
  return process.argv.find((value) => value.startsWith(`--${name}=`))?.slice(name.length + 3);
}

/** An answer as an agent writes one, the same size in every cell; stored or upserted so it works on either cell layout. */
function answerEveryComputedCell(path: string): void {
  const connection = new SqliteDatabase(path);
  try {
    const value = JSON.stringify({
      answer: 'Example Company Holdings',
      source: ['https://company-0000001.example.com/about'],
      explanation: 'The about page names the company and its headquarters.',
    });
    // Cells keyed by integers (migration 0022) or, in a checkout from before it, by text ids.
    const isKeyed =
      (connection.prepare(`select count(*) as count from pragma_table_info('cells') where name = 'row_key'`).get() as { count: number }).count > 0;
    connection
      .prepare(
        isKeyed
          ? `insert into cells (row_key, column_key, status, value, error, is_input, attempts, updated_at)
             select r.key, c.column_key, 'done', ?, null, 0, 0, ? from rows r join tables t on t.table_key = r.table_key join columns c on c.table_id = t.id where c.kind <> 'input'
             on conflict (row_key, column_key) do update set status = 'done', value = excluded.value, updated_at = excluded.updated_at`
          : `insert into cells (row_id, column_id, table_id, status, value, error, is_input, attempts, updated_at)
             select r.id, c.id, r.table_id, 'done', ?, null, 0, 0, ? from rows r join columns c on c.table_id = r.table_id where c.kind <> 'input'
             on conflict (row_id, column_id) do update set status = 'done', value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(value, new Date().toISOString());
    connection.exec('vacuum');
  } finally {
    connection.close();
  }
}

function measure(name: string, path: string, size: number): BenchResult {
  const connection = new SqliteDatabase(path, { readonly: true });
  try {
    const parts = connection.prepare(`select name, sum(pgsize) as bytes from dbstat group by name order by bytes desc`).all() as {
      name: string;
      bytes: number;
    }[];
    const storedCells = (connection.prepare('select count(*) as count from cells').get() as { count: number }).count;
    const bytes = statSync(path).size;
    const metrics: Record<string, number> = {
      bytes_per_row: Math.round(bytes / size),
      bytes_per_cell: Math.round(bytes / (size * CELLS_PER_ROW)),
      stored_cells_per_row: Number((storedCells / size).toFixed(2)),
    };
    // The big structures, per row: which table or index the bytes are in.
    for (const part of parts.filter((entry) => entry.bytes / size >= 1)) metrics[`${part.name}_bytes_per_row`] = Math.round(part.bytes / size);
    return { name, metrics, notes: 'database file after close (and VACUUM once answered); per table and index from dbstat' };
  } finally {
    connection.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
