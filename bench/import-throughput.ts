import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { api, BENCH_TOKEN, machineDescription, startBenchServer, type BenchResult } from './bench-support.ts';

const TOTAL_ROWS = 100_000;
const TARGET_ROWS_PER_SECOND = 10_000;
const FATHOM_BIN = fileURLToPath(new URL('../bin/fathom.js', import.meta.url));

/**
 * Issue 5 target: `fathom import` of a local 100,000-row CSV into a SQLite-backed server at
 * ≥ 10,000 rows/s. The table is a company table with one extra input column (the docs'
 * worked example), so each row also gets its built-in computed cells. Measured end to end
 * (spawn to exit of the CLI process, start-up included) and as the CLI reports it (file hash,
 * existing-row scan and batches). A second import of the same file measures the resume check.
 */
export async function run(): Promise<BenchResult> {
  const directory = mkdtempSync(join(tmpdir(), 'fathom-bench-import-'));
  const server = await startBenchServer({ engine: 'sqlite' });
  try {
    const csvPath = join(directory, 'companies.csv');
    writeFileSync(csvPath, companiesCsv(TOTAL_ROWS));
    const table = await api(server.url, 'POST', '/v1/tables', {
      name: 'bench import',
      kind: 'company',
      column_configs: [{ kind: 'input', name: 'Notes', key: 'notes' }],
    });
    const args = ['import', csvPath, '--table', table.id, '--map', 'Website=input', '--map', 'Notes=notes'];

    const first = await runImport(args, server.url);
    const resumed = await runImport(args, server.url);
    const stored = await api(server.url, 'GET', `/v1/tables/${table.id}`);
    if (stored.status.num_rows !== TOTAL_ROWS) throw new Error(`expected ${TOTAL_ROWS} rows, the table has ${stored.status.num_rows}`);
    if (resumed.summary.imported !== 0) throw new Error(`re-import added ${resumed.summary.imported} rows`);

    const endToEnd = Math.round(TOTAL_ROWS / first.seconds);
    return {
      name: 'cli import throughput (sqlite, 100,000-row CSV)',
      metrics: {
        rows_per_second_end_to_end: endToEnd,
        rows_per_second_reported: first.summary.rows_per_second,
        import_seconds: round(first.seconds),
        resume_check_seconds: round(resumed.seconds),
        server_peak_rss_mb: Math.round(server.peakRssMb()),
        target_rows_per_second: TARGET_ROWS_PER_SECOND,
      },
      notes:
        `${endToEnd >= TARGET_ROWS_PER_SECOND ? 'meets' : 'MISSES'} the ≥ ${TARGET_ROWS_PER_SECOND.toLocaleString('en-US')} rows/s target end to end; ` +
        `company table (input + notes + 3 built-in computed columns), batches of 1,000, one CLI process; ${machineDescription()}`,
    };
  } finally {
    await server.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** `Website,Notes` rows with a few quoted notes, like a CRM export. */
function companiesCsv(count: number): string {
  const lines = ['Website,Notes'];
  for (let index = 0; index < count; index++) {
    lines.push(index % 10 === 0 ? `company-${index}.example,"Lead from event, batch ${index % 97}"` : `company-${index}.example,Lead ${index}`);
  }
  return `${lines.join('\n')}\n`;
}

async function runImport(args: string[], url: string): Promise<{ seconds: number; summary: { imported: number; rows_per_second: number } }> {
  const started = performance.now();
  const child = spawn(process.execPath, [FATHOM_BIN, ...args], {
    env: { ...process.env, FATHOM_BASE_URL: url, FATHOM_API_TOKEN: BENCH_TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`fathom import exited ${code}:\n${stderr}`);
  return { seconds, summary: JSON.parse(stdout) };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
