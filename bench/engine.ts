import { graphileWorkerThroughput } from './support/graphile-worker-throughput.ts';
import {
  api,
  createBenchDatabase,
  createTableWithRows,
  ENGINE_SERVER_SCRIPT,
  percentile,
  runToIdle,
  startBenchServer,
  type BenchResult,
  type BenchServer,
} from './bench-support.ts';

/**
 * Issue 3 targets. (a) engine overhead with an instant executor: ≥ 5,000 cells/s on SQLite and
 * with 4 worker processes on PostgreSQL; (b) a 200 ms provider with concurrency 100: ≥ 95 % of
 * the ideal 500 cells/s; (c) a dependent cell starts ≤ 100 ms (p95) after its upstream ended;
 * (d) a 1,000,000-cell run keeps the process ≤ 500 MB RSS.
 */
export async function run(options: { skipMillion?: boolean; only?: string; repeat?: number } = {}): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  if (options.only === 'postgres') return postgresSideBySide(options.repeat ?? 1);
  if (options.only === 'million') return [await millionCellRun()];
  results.push(await instantThroughputSqlite());
  results.push(...(await postgresSideBySide(options.repeat ?? 1)));
  results.push(await providerLatencyThroughput());
  results.push(await dependentStartLatency());
  if (!options.skipMillion) results.push(await millionCellRun());
  return results;
}

/**
 * Fathom's engine and graphile-worker, 4 processes each, on the same PostgreSQL server in the
 * same run, alternating round by round (the machine is shared, so only ratios measured side by
 * side mean anything). Each system runs two timed batches of 30,000 on the same processes: the
 * first from cold (fresh processes, nothing compiled, no plan cached), the second warm, as a
 * long-lived worker runs; both are reported, and a last row gives the median ratio of each.
 */
export async function postgresSideBySide(rounds: number): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const coldRatios: number[] = [];
  const warmRatios: number[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    const database = await createBenchDatabase('fathom_bench_engine');
    if (!database) return [{ name: 'engine throughput, instant executor (postgres, 4 workers)', metrics: {}, notes: 'skipped: no PostgreSQL answered' }];
    try {
      const fathom = await instantThroughputPostgres(database.url);
      const graphile = await graphileWorkerThroughput(database.url);
      results.push(...fathom, ...graphile);
      coldRatios.push(fathom[0]!.metrics.cells_per_second! / graphile[0]!.metrics.jobs_per_second!);
      warmRatios.push(fathom[1]!.metrics.cells_per_second! / graphile[1]!.metrics.jobs_per_second!);
    } finally {
      await database.drop();
    }
  }
  const median = (ratios: number[]) =>
    Number(
      percentile(
        [...ratios].sort((left, right) => left - right),
        0.5,
      ).toFixed(2),
    );
  results.push({
    name: 'fathom engine / graphile-worker, 4 processes each (postgres)',
    metrics: { median_ratio_cold: median(coldRatios), median_ratio_warm: median(warmRatios), rounds },
    notes: `ratios by round, cold: ${coldRatios.map((ratio) => ratio.toFixed(2)).join(', ')}; warm: ${warmRatios.map((ratio) => ratio.toFixed(2)).join(', ')}`,
  });
  return results;
}

const column = (key: string, prompt: string) => ({ kind: 'agent', name: key, key, value: { agent_type: 'llm', prompt } });

async function instantThroughputSqlite(): Promise<BenchResult> {
  const cells = 30_000;
  const server = await startBenchServer({
    engine: 'sqlite',
    script: ENGINE_SERVER_SCRIPT,
    environment: { FATHOM_WORKER_CONCURRENCY: '256', FATHOM_CLAIM_BATCH_SIZE: '128', FATHOM_POLL_INTERVAL_MS: '50' },
  });
  try {
    const table = await createTableWithRows(server, cells, [column('a', 'A {input}')]);
    const seconds = await runToIdle(server.url, table.id);
    return {
      name: 'engine throughput, instant executor (sqlite, 1 process)',
      metrics: { cells_per_second: Math.round(cells / seconds), cells, seconds: Number(seconds.toFixed(2)) },
    };
  } finally {
    await server.stop();
  }
}

/** Two timed runs of 30,000 cells on the same API and worker processes: cold, then warm. */
async function instantThroughputPostgres(postgresUrl: string): Promise<[BenchResult, BenchResult]> {
  const cells = 30_000;
  const environment = { FATHOM_WORKER_CONCURRENCY: '256', FATHOM_CLAIM_BATCH_SIZE: '128', FATHOM_POLL_INTERVAL_MS: '50', FATHOM_DB_POOL_SIZE: '4' };
  const apiServer = await startBenchServer({
    engine: 'postgres',
    postgresUrl,
    script: ENGINE_SERVER_SCRIPT,
    environment: { ...environment, BENCH_WITH_WORKERS: 'false' },
  });
  const workers: BenchServer[] = [];
  try {
    for (let index = 0; index < 4; index += 1) {
      workers.push(
        await startBenchServer({ engine: 'postgres', postgresUrl, script: ENGINE_SERVER_SCRIPT, environment: { ...environment, BENCH_NO_HTTP: 'true' } }),
      );
    }
    const coldTable = await createTableWithRows(apiServer, cells, [column('a', 'A {input}')]);
    const warmTable = await createTableWithRows(apiServer, cells, [column('a', 'A {input}')]);
    const measured = async (tableId: string, phase: 'cold' | 'warm'): Promise<BenchResult> => {
      const seconds = await runToIdle(apiServer.url, tableId);
      return {
        name: `engine throughput, instant executor (postgres, 4 worker processes, ${phase})`,
        metrics: {
          cells_per_second: Math.round(cells / seconds),
          cells,
          seconds: Number(seconds.toFixed(2)),
          worker_peak_rss_mb: Math.round(Math.max(...workers.map((worker) => worker.peakRssMb()))),
        },
        notes:
          phase === 'cold'
            ? 'API in its own process (no workers); 4 `fathom worker`-style processes with the instant executor; their first run'
            : 'the same processes, their second run (warm)',
      };
    };
    const cold = await measured(coldTable.id, 'cold');
    const warm = await measured(warmTable.id, 'warm');
    return [cold, warm];
  } finally {
    for (const worker of workers) await worker.stop();
    await apiServer.stop();
  }
}

async function providerLatencyThroughput(): Promise<BenchResult> {
  const cells = 5_000;
  const server = await startBenchServer({
    engine: 'sqlite',
    script: ENGINE_SERVER_SCRIPT,
    environment: { BENCH_EXECUTOR_DELAY_MS: '200', FATHOM_WORKER_CONCURRENCY: '100', FATHOM_CLAIM_BATCH_SIZE: '100', FATHOM_POLL_INTERVAL_MS: '50' },
  });
  try {
    const table = await createTableWithRows(server, cells, [column('a', 'A {input}')]);
    const seconds = await runToIdle(server.url, table.id);
    const rate = cells / seconds;
    return {
      name: 'engine throughput, 200 ms executor, concurrency 100 (sqlite)',
      metrics: { cells_per_second: Number(rate.toFixed(1)), ideal_cells_per_second: 500, efficiency_percent: Number(((rate / 500) * 100).toFixed(1)) },
    };
  } finally {
    await server.stop();
  }
}

async function dependentStartLatency(): Promise<BenchResult> {
  const rows = 1_000;
  const server = await startBenchServer({
    engine: 'sqlite',
    script: ENGINE_SERVER_SCRIPT,
    environment: { BENCH_EXECUTOR_DELAY_MS: '20', FATHOM_WORKER_CONCURRENCY: '100', FATHOM_CLAIM_BATCH_SIZE: '50', FATHOM_POLL_INTERVAL_MS: '1000' },
  });
  try {
    const table = await createTableWithRows(server, rows, [column('a', 'A {input}'), column('b', 'B {a}')]);
    await runToIdle(server.url, table.id);
    const data = await api(server.url, 'GET', `/v1/tables/${table.id}/data`);
    const delays = data.rows
      .map((row: any) => row.data.b.value.started_at_ms - Date.parse(row.data.a.updated_at))
      .sort((left: number, right: number) => left - right);
    return {
      name: 'dependent cell start after its upstream ended (sqlite)',
      metrics: { p50_ms: percentile(delays, 0.5), p95_ms: percentile(delays, 0.95), max_ms: delays.at(-1) },
      notes: `${rows} rows, a → b, 20 ms executor, concurrency 100, poll interval 1 s (wake-ups, not polling, start dependents)`,
    };
  } finally {
    await server.stop();
  }
}

async function millionCellRun(): Promise<BenchResult> {
  const rows = 250_000;
  const server = await startBenchServer({
    engine: 'sqlite',
    script: ENGINE_SERVER_SCRIPT,
    environment: { FATHOM_WORKER_CONCURRENCY: '256', FATHOM_CLAIM_BATCH_SIZE: '128', FATHOM_POLL_INTERVAL_MS: '50' },
  });
  try {
    const table = await createTableWithRows(server, rows, [
      column('a', 'A {input}'),
      column('b', 'B {input}'),
      column('c', 'C {input}'),
      column('d', 'D {input}'),
    ]);
    const rssBeforeRun = server.rssMb();
    let peakDuringRun = 0;
    const seconds = await runToIdle(server.url, table.id, () => (peakDuringRun = Math.max(peakDuringRun, server.rssMb())));
    return {
      name: '1,000,000-cell run (sqlite, instant executor)',
      metrics: {
        cells: rows * 4,
        seconds: Number(seconds.toFixed(1)),
        cells_per_second: Math.round((rows * 4) / seconds),
        rss_before_run_mb: Math.round(rssBeforeRun),
        peak_rss_during_run_mb: Math.round(peakDuringRun),
        process_peak_rss_mb: Math.round(server.peakRssMb()),
      },
    };
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv.find((argument) => argument.startsWith('--only='))?.slice('--only='.length);
  const repeat = Number(process.argv.find((argument) => argument.startsWith('--repeat='))?.slice('--repeat='.length) ?? '1');
  console.log(JSON.stringify(await run({ skipMillion: process.argv.includes('--skip-million'), repeat, ...(only ? { only } : {}) }), null, 2));
}
