import { api, ENGINE_SERVER_SCRIPT, percentile, startBenchServer, type BenchResult } from './bench-support.ts';

const READERS = 10;
const WRITERS = 10;
const READ_TABLE_ROWS = 20_000;
const RUN_ROWS = 30_000;
const PHASE_MS = 8_000;

/**
 * Issue 10 item 10 on SQLite: 100-row data pages read by 10 concurrent readers, first alone,
 * then while 10 writers add rows (100 a request) and a run computes 30,000 cells with an instant
 * executor. Target: with writers and a run, reads stay within 3× of reads alone (p50 and p99).
 */
export async function run(): Promise<BenchResult[]> {
  const server = await startBenchServer({
    engine: 'sqlite',
    script: ENGINE_SERVER_SCRIPT,
    environment: { FATHOM_WORKER_CONCURRENCY: '256', FATHOM_CLAIM_BATCH_SIZE: '128', FATHOM_POLL_INTERVAL_MS: '50' },
  });
  try {
    const readTable = await createTable(server.url, READ_TABLE_ROWS, []);
    const runTable = await createTable(server.url, RUN_ROWS, [{ kind: 'agent', name: 'a', key: 'a', value: { agent_type: 'llm', prompt: 'A {input}' } }]);
    const writeTable = await api(server.url, 'POST', '/v1/tables', { kind: 'generic' });

    const alone = await readFor(server.url, readTable.id, PHASE_MS);
    await api(server.url, 'POST', `/v1/tables/${runTable.id}/run`, {});
    let writes = 0;
    let isBusy = true;
    const writers = Array.from({ length: WRITERS }, async (_, writer) => {
      while (isBusy) {
        const rows = Array.from({ length: 100 }, (_, index) => ({ data: { input: `writer ${writer} row ${writes * 100 + index}` } }));
        await api(server.url, 'POST', `/v1/tables/${writeTable.id}/rows`, { rows });
        writes += 1;
      }
    });
    const busy = await readFor(server.url, readTable.id, PHASE_MS);
    isBusy = false;
    await Promise.all(writers);
    const runStatus = (await api(server.url, 'GET', `/v1/tables/${runTable.id}`)).status;
    const metric = (latencies: number[], fraction: number) => Number(percentile(latencies, fraction).toFixed(1));
    return [
      {
        name: 'data page reads: 10 readers alone vs with 10 writers and a run (sqlite)',
        metrics: {
          alone_p50_ms: metric(alone, 0.5),
          alone_p99_ms: metric(alone, 0.99),
          busy_p50_ms: metric(busy, 0.5),
          busy_p99_ms: metric(busy, 0.99),
          ratio_p50: Number((percentile(busy, 0.5) / percentile(alone, 0.5)).toFixed(2)),
          ratio_p99: Number((percentile(busy, 0.99) / percentile(alone, 0.99)).toFixed(2)),
          reads_alone: alone.length,
          reads_busy: busy.length,
          rows_written_busy: writes * 100,
          run_cells_done_by_end: runStatus.num_cells_completed ?? 0,
        },
        notes: `${PHASE_MS / 1000} s per phase; readers read 100-row pages at random offsets of a ${READ_TABLE_ROWS}-row table; writers add 100 rows a request to another table; the run computes ${RUN_ROWS} cells (instant executor)`,
      },
    ];
  } finally {
    await server.stop();
  }
}

async function createTable(url: string, rows: number, columns: unknown[]): Promise<any> {
  const table = await api(url, 'POST', '/v1/tables', { kind: 'generic', column_configs: columns });
  for (let offset = 0; offset < rows; offset += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, rows - offset) }, (_, index) => ({ data: { input: `row ${offset + index}` } }));
    await api(url, 'POST', `/v1/tables/${table.id}/rows`, { rows: batch });
  }
  return table;
}

/** Each reader reads pages back to back for `durationMs`; answers every latency, sorted. */
async function readFor(url: string, tableId: string, durationMs: number): Promise<number[]> {
  const latencies: number[] = [];
  const deadline = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: READERS }, async () => {
      while (performance.now() < deadline) {
        const offset = Math.floor(Math.random() * (READ_TABLE_ROWS - 100));
        const started = performance.now();
        await api(url, 'GET', `/v1/tables/${tableId}/data?offset=${offset}&limit=100`);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies.sort((left, right) => left - right);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
