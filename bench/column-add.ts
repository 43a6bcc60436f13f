import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { api, startBenchServer, type BenchResult } from './bench-support.ts';

const BATCH = 1_000;

/**
 * Adding a computed column to a big table (issue 11 item 2: with sparse cells it writes no cells).
 * A server (this checkout, or another with `--fathom-bin=…/bin/fathom.js`) ingests a company table
 * of `--rows=N` rows (default 200,000) on SQLite, then adds one agent column three times; the
 * request time and the cells stored before and after (read from the file once the server stopped).
 */
export async function run(): Promise<BenchResult[]> {
  const size = Number(argument('rows') ?? 200_000);
  const fathomBin = argument('fathom-bin');
  const directory = mkdtempSync(join(tmpdir(), 'fathom-column-add-'));
  const databasePath = join(directory, 'fathom.db');
  try {
    const server = await startBenchServer({ engine: 'sqlite', databasePath, ...(fathomBin ? { fathomBin } : {}) });
    const timings: number[] = [];
    let cellsBefore = 0;
    try {
      const table = await api(server.url, 'POST', '/v1/tables', { name: 'column add', kind: 'company' });
      for (let offset = 0; offset < size; offset += BATCH) {
        const rows = Array.from({ length: Math.min(BATCH, size - offset) }, (_, index) => ({
          data: { input: `company-${String(offset + index).padStart(7, '0')}.example.com` },
        }));
        await api(server.url, 'POST', `/v1/tables/${table.id}/rows`, { rows });
      }
      cellsBefore = countCells(databasePath);
      for (let index = 0; index < 3; index += 1) {
        const started = performance.now();
        await api(server.url, 'POST', `/v1/tables/${table.id}/columns`, {
          column_configs: [
            { kind: 'agent', name: `About ${index}`, key: `about_${index}`, value: { agent_type: 'llm', prompt: 'About {input}', output_format: 'text' } },
          ],
        });
        timings.push(performance.now() - started);
      }
    } finally {
      await server.stop();
    }
    const cellsAfter = countCells(databasePath);
    return [
      {
        name: `add a computed column to a ${size.toLocaleString('en')}-row company table (sqlite, ${fathomBin ? fathomBin.replace(/\/bin\/fathom\.js$/, '') : 'this checkout'})`,
        metrics: {
          column_add_ms_median: Math.round([...timings].sort((left, right) => left - right)[1]!),
          cells_written_per_column: Math.round((cellsAfter - cellsBefore) / timings.length),
        },
        notes: `three columns added one after another; times ${timings.map((time) => Math.round(time)).join(', ')} ms`,
      },
    ];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function countCells(path: string): number {
  const connection = new SqliteDatabase(path, { readonly: true });
  try {
    return (connection.prepare('select count(*) as count from cells').get() as { count: number }).count;
  } finally {
    connection.close();
  }
}

function argument(name: string): string | undefined {
  return process.argv.find((value) => value.startsWith(`--${name}=`))?.slice(name.length + 3);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
