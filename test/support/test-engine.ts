import pino from 'pino';
import type { CellExecutor } from '../../src/engine/cell-executor.ts';
import { createInProcessCellChangeFeed, type CellChangeFeed } from '../../src/engine/cell-change-feed.ts';
import { createEngine, type Engine, type EngineSettings } from '../../src/engine/engine.ts';
import { createPostgresCellChangeFeed } from '../../src/engine/postgres-cell-change-feed.ts';
import { createPostgresNotifications } from '../../src/engine/postgres-notifications.ts';
import { createPostgresWorkerWakeUp } from '../../src/engine/postgres-worker-wake-up.ts';
import { createInProcessWorkerWakeUp, type WorkerWakeUp } from '../../src/engine/worker-wake-up.ts';
import type { Store } from '../../src/store/store.ts';
import type { TestStore } from './test-database.ts';

export interface TestEngine {
  engine: Engine;
  wakeUp: WorkerWakeUp;
  changeFeed: CellChangeFeed;
  /** Stop the engine and close its signals. */
  stop(): Promise<void>;
}

const SETTINGS: EngineSettings = {
  workers: 1,
  concurrency: 8,
  claimBatchSize: 10,
  leaseMs: 30_000,
  maxAttempts: 3,
  pollIntervalMs: 5_000,
  reapIntervalMs: 60_000,
  sweepIntervalMs: 60_000,
  backoff: { baseDelayMs: 10, maxDelayMs: 100 },
};

/**
 * An engine over a test store with one executor for every column, and the signals `fathom serve`
 * would use on that backend (LISTEN/NOTIFY on PostgreSQL). `store` replaces the store the engine
 * sees (a wrapper that holds a claim, say); by default the test store's own.
 */
export async function startTestEngine(
  testStore: TestStore,
  options: { executor: CellExecutor; store?: Store; settings?: Partial<EngineSettings> },
): Promise<TestEngine> {
  const logger = pino({ level: process.env.FATHOM_TEST_LOG_LEVEL ?? 'silent' });
  const location = testStore.location;
  const notifications = location.engine === 'postgres' ? createPostgresNotifications(location.connectionString, logger) : undefined;
  const wakeUp = notifications ? createPostgresWorkerWakeUp(notifications, { listens: true }) : createInProcessWorkerWakeUp();
  const changeFeed = notifications ? createPostgresCellChangeFeed(notifications, { listens: true, logger }) : createInProcessCellChangeFeed();
  const engine = createEngine({
    store: options.store ?? testStore.store,
    executors: { executorFor: () => options.executor },
    wakeUp,
    changeFeed,
    logger,
    settings: { ...SETTINGS, ...options.settings },
  });
  await notifications?.start();
  await engine.start();
  return {
    engine,
    wakeUp,
    changeFeed,
    stop: async () => {
      await engine.stop({ timeoutMs: 5_000 });
      await notifications?.close();
    },
  };
}

/** A store whose next claim, once armed, answers only when the test lets it (to hold a claim in flight). */
export function holdingClaims(store: Store) {
  let hold: { reached: () => void; released: Promise<void> } | undefined;
  const wrapped = new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'claimCells') return Reflect.get(target, property, receiver);
      const claimCells: Store['claimCells'] = async (claimOptions) => {
        const claimed = await target.claimCells(claimOptions);
        const current = hold;
        hold = undefined;
        if (current) {
          current.reached();
          await current.released;
        }
        return claimed;
      };
      return claimCells;
    },
  });
  return {
    store: wrapped,
    /** Hold the next claim after it has read the queue; resolves `reached` when it is held. */
    holdNextClaim() {
      let release!: () => void;
      let reached!: () => void;
      const isReached = new Promise<void>((resolve) => {
        reached = resolve;
      });
      hold = { reached, released: new Promise<void>((resolve) => (release = resolve)) };
      return { reached: isReached, release: () => release() };
    },
  };
}
