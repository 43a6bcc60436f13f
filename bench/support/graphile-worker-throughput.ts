import { fileURLToPath } from 'node:url';
import { makeWorkerUtils } from 'graphile-worker';
import pg from 'pg';
import { startBenchServer, type BenchResult, type BenchServer } from '../bench-support.ts';

const GRAPHILE_WORKER_SCRIPT = fileURLToPath(new URL('./graphile-worker-process.ts', import.meta.url));

/**
 * The reference rows: graphile-worker (a real PostgreSQL job queue, with batching) running
 * `jobs` instant jobs on `processes` worker processes against the same database as Fathom's
 * engine bench, twice on the same processes (cold, then warm), each timed like Fathom's run:
 * from queuing the jobs until none is left.
 */
export async function graphileWorkerThroughput(postgresUrl: string, options: { jobs?: number; processes?: number } = {}): Promise<[BenchResult, BenchResult]> {
  const jobs = options.jobs ?? 30_000;
  const processes = options.processes ?? 4;
  const utils = await makeWorkerUtils({ connectionString: postgresUrl });
  const workers: BenchServer[] = [];
  const client = new pg.Client({ connectionString: postgresUrl });
  try {
    await utils.migrate();
    await client.connect();
    for (let index = 0; index < processes; index += 1) {
      workers.push(await startBenchServer({ engine: 'postgres', postgresUrl, script: GRAPHILE_WORKER_SCRIPT, environment: { FATHOM_DB_POOL_SIZE: '4' } }));
    }
    const measured = async (phase: 'cold' | 'warm'): Promise<BenchResult> => {
      const started = performance.now();
      await utils.addJobs(Array.from({ length: jobs }, (_, index) => ({ identifier: 'instant', payload: { index } })));
      for (;;) {
        const { rows } = await client.query<{ count: number }>('select count(*)::int as count from graphile_worker._private_jobs');
        if (rows[0]!.count === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const seconds = (performance.now() - started) / 1000;
      return {
        name: `graphile-worker 0.17 throughput, instant task (postgres, ${processes} worker processes, ${phase})`,
        metrics: {
          jobs_per_second: Math.round(jobs / seconds),
          jobs,
          seconds: Number(seconds.toFixed(2)),
          worker_peak_rss_mb: Math.round(Math.max(...workers.map((worker) => worker.peakRssMb()))),
        },
        notes:
          phase === 'cold'
            ? 'localQueue 128, concurrency 256, completions batched within 1 ms, pool 4 per process; same database and run as the Fathom rows; their first batch'
            : 'the same processes, their second batch (warm)',
      };
    };
    const cold = await measured('cold');
    const warm = await measured('warm');
    return [cold, warm];
  } finally {
    for (const worker of workers) await worker.stop();
    await client.end();
    await utils.release();
  }
}
