import type { Logger } from 'pino';
import type { JobStore } from '../store/job-store.ts';
import type { CellContextReads } from './cell-context-loader.ts';
import type { QueueStore } from '../store/queue-store.ts';
import type { BackoffPolicy } from './backoff.ts';
import type { CellChangeFeed } from './cell-change-feed.ts';
import type { ExecutorRegistry } from './cell-executor.ts';
import { CellWorker, type WorkerSpending } from './cell-worker.ts';
import { reportEngineChange } from './engine-change-report.ts';
import { EngineMaintenance } from './engine-maintenance.ts';
import type { JobKindRegistry } from './jobs/job-kinds.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import { JobWorker } from './jobs/job-worker.ts';
import type { WorkerWakeUp } from './worker-wake-up.ts';

export interface EngineSettings {
  /** Worker loops in this process (each with its own claims). */
  workers: number;
  /** Cells executing at once per worker. */
  concurrency: number;
  claimBatchSize: number;
  leaseMs: number;
  maxAttempts: number;
  pollIntervalMs: number;
  reapIntervalMs: number;
  sweepIntervalMs: number;
  backoff: BackoffPolicy;
  /** Jobs running at once in this process (default 8). */
  jobConcurrency?: number;
}

export interface Engine {
  /**
   * Start the workers and the maintenance timers. On a store no other process can share
   * (SQLite), every cell still held is requeued first: whoever held it is gone.
   */
  start(): Promise<void>;
  /** Graceful: stop claiming, let running cells end, give back the rest. Idempotent. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  maintenance: EngineMaintenance;
  /** The job worker, when the engine was given job kinds. */
  jobWorker: JobWorker | undefined;
}

export function createEngine(options: {
  store: QueueStore & CellContextReads;
  executors: ExecutorRegistry;
  wakeUp: WorkerWakeUp;
  changeFeed: CellChangeFeed;
  logger: Logger;
  settings: EngineSettings;
  now?: () => number;
  /** Long-running jobs this engine runs beside the cells (no second queue: same leases, wake-ups, workers). */
  jobs?: { store: JobStore; kinds: JobKindRegistry; queue: JobQueue };
  /** Cost recording and run caps (none: cells record no cost and no cap is enforced). */
  spending?: WorkerSpending;
}): Engine {
  const { settings, store } = options;
  const outlets = { wakeUp: options.wakeUp, changeFeed: options.changeFeed, logger: options.logger };
  const workers = Array.from(
    { length: settings.workers },
    () =>
      new CellWorker({
        ...outlets,
        store,
        executors: options.executors,
        concurrency: settings.concurrency,
        claimBatchSize: settings.claimBatchSize,
        leaseMs: settings.leaseMs,
        maxAttempts: settings.maxAttempts,
        pollIntervalMs: settings.pollIntervalMs,
        backoff: settings.backoff,
        ...(options.now ? { now: options.now } : {}),
        ...(options.spending ? { spending: options.spending } : {}),
      }),
  );
  const maintenance = new EngineMaintenance({
    store,
    logger: options.logger,
    maxAttempts: settings.maxAttempts,
    reapIntervalMs: settings.reapIntervalMs,
    sweepIntervalMs: settings.sweepIntervalMs,
    onChange: (change) => reportEngineChange(outlets, change),
    ...(options.now ? { now: options.now } : {}),
  });
  const jobWorker = options.jobs
    ? new JobWorker({
        ...options.jobs,
        wakeUp: options.wakeUp,
        logger: options.logger,
        concurrency: settings.jobConcurrency ?? 8,
        leaseMs: settings.leaseMs,
        pollIntervalMs: settings.pollIntervalMs,
        reapIntervalMs: settings.reapIntervalMs,
        backoff: settings.backoff,
        ...(options.now ? { now: options.now } : {}),
      })
    : undefined;
  let starting: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  return {
    maintenance,
    jobWorker,
    start: () => {
      starting ??= (async () => {
        if (!store.capabilities.supportsMultipleProcesses) await maintenance.requeueHeldCells();
        if (stopping) return;
        for (const worker of workers) worker.start();
        await jobWorker?.start({ requeueHeld: !store.capabilities.supportsMultipleProcesses });
        maintenance.start();
      })();
      return starting;
    },
    stop: (stopOptions) => {
      stopping ??= (async () => {
        await starting?.catch(() => undefined);
        maintenance.stop();
        // Every worker's cleanup runs even if another's fails.
        const results = await Promise.allSettled([...workers.map((worker) => worker.stop(stopOptions)), ...(jobWorker ? [jobWorker.stop(stopOptions)] : [])]);
        for (const result of results) if (result.status === 'rejected') options.logger.error({ err: result.reason }, 'worker-stop-failed');
      })();
      return stopping;
    },
  };
}
