import type { Logger } from 'pino';
import type { Store } from '../store/store.ts';
import type { BackoffPolicy } from './backoff.ts';
import type { ExecutorRegistry } from './cell-executor.ts';
import { CellWorker } from './cell-worker.ts';
import { EngineMaintenance } from './engine-maintenance.ts';
import type { QueueSignal } from './queue-signal.ts';

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
}

export interface Engine {
  start(): void;
  /** Graceful: stop claiming, let running cells end, give back the rest. Idempotent. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  maintenance: EngineMaintenance;
}

export function createEngine(options: {
  store: Store;
  executors: ExecutorRegistry;
  signal: QueueSignal;
  logger: Logger;
  settings: EngineSettings;
  now?: () => number;
}): Engine {
  const { settings } = options;
  const workers = Array.from(
    { length: settings.workers },
    () =>
      new CellWorker({
        store: options.store,
        executors: options.executors,
        signal: options.signal,
        logger: options.logger,
        concurrency: settings.concurrency,
        claimBatchSize: settings.claimBatchSize,
        leaseMs: settings.leaseMs,
        maxAttempts: settings.maxAttempts,
        pollIntervalMs: settings.pollIntervalMs,
        backoff: settings.backoff,
        ...(options.now ? { now: options.now } : {}),
      }),
  );
  const maintenance = new EngineMaintenance({
    store: options.store,
    logger: options.logger,
    maxAttempts: settings.maxAttempts,
    reapIntervalMs: settings.reapIntervalMs,
    sweepIntervalMs: settings.sweepIntervalMs,
    onChange: (change) => {
      if (change.newlyReady > 0) options.signal.notifyCellsReady();
      if (change.changedCells.length > 0) options.signal.publishChange(change);
    },
    ...(options.now ? { now: options.now } : {}),
  });
  let stopping: Promise<void> | undefined;
  return {
    maintenance,
    start: () => {
      for (const worker of workers) worker.start();
      maintenance.start();
    },
    stop: (stopOptions) => {
      stopping ??= (async () => {
        maintenance.stop();
        // Every worker's cleanup runs even if another's fails.
        const results = await Promise.allSettled(workers.map((worker) => worker.stop(stopOptions)));
        for (const result of results) if (result.status === 'rejected') options.logger.error({ err: result.reason }, 'worker-stop-failed');
      })();
      return stopping;
    },
  };
}
