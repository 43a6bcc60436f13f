/**
 * One graphile-worker process with an instant task, for the side-by-side row of the engine
 * benchmark: the same database, the same machine, the same number of processes as Fathom's
 * workers. Batching is on as graphile-worker documents it for throughput (a local queue that
 * fetches jobs in batches, completions batched within a millisecond).
 * Prints "listening on none" once the worker is running.
 */
import { Logger, run } from 'graphile-worker';

const connectionString = process.env.DATABASE_URL!;
const runner = await run({
  connectionString,
  concurrency: Number(process.env.BENCH_GRAPHILE_CONCURRENCY ?? '256'),
  maxPoolSize: Number(process.env.FATHOM_DB_POOL_SIZE ?? '4'),
  pollInterval: 50,
  noHandleSignals: true,
  preset: {
    worker: {
      localQueue: { size: Number(process.env.BENCH_GRAPHILE_BATCH ?? '128') },
      completeJobBatchDelay: 1,
      failJobBatchDelay: 1,
    },
  },
  taskList: { instant: async () => undefined },
  // Quiet: the benchmark reads only the ready line.
  logger: new Logger(() => () => undefined),
});
process.stdout.write('listening on none\n');
const stop = () => void runner.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
