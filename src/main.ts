import { serve, type ServerType } from '@hono/node-server';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { createApp } from './api/app.ts';
import type { Config } from './config.ts';
import { createStore } from './store/kysely-store.ts';
import { openDatabase, type DatabaseLocation, type OpenedDatabase } from './store/open-database.ts';
import { prepareStartupTokens } from './services/api-tokens.ts';
import { createServiceContext, type ServiceContext } from './services/service-context.ts';
import { VERSION } from './version.ts';
import { createExecutorRegistry } from './agents/executor-registry.ts';
import { createLlmAgent } from './agents/llm-agent.ts';
import type { ExecutorRegistry } from './engine/cell-executor.ts';
import { createEngine, type Engine } from './engine/engine.ts';
import { createPostgresQueueSignal } from './engine/postgres-queue-signal.ts';
import { createInProcessQueueSignal, type QueueSignal } from './engine/queue-signal.ts';
import { createDatabaseResponseCache } from './providers/llm/database-response-cache.ts';
import { resolveLlmProvider } from './providers/llm/resolve-llm-provider.ts';
import type { Store } from './store/store.ts';

/** Everything wired together: implementations meet here and nowhere else. */
export interface Fathom {
  services: ServiceContext;
  signal: QueueSignal;
  /** The run engine, when this process runs workers. */
  engine: Engine | undefined;
  app: ReturnType<typeof createApp>;
  /** A token created at start-up because none existed (print it once), else undefined. */
  firstToken: string | undefined;
  /** The opened database, for operational commands and tests that inspect storage directly. */
  database: OpenedDatabase;
  close(): Promise<void>;
}

export interface FathomOptions {
  config: Config;
  logger: Logger;
  /** Overrides for tests: a Postgres schema, a fixed clock. */
  databaseLocation?: DatabaseLocation;
  serviceOverrides?: Parameters<typeof createServiceContext>[1];
  /** Run workers in this process (default true). */
  withWorkers?: boolean;
  /** Replace the agents (tests, benchmarks). */
  executors?: ExecutorRegistry;
}

export async function createFathom(options: FathomOptions): Promise<Fathom> {
  const { config, logger } = options;
  const location: DatabaseLocation = options.databaseLocation ?? toLocation(config);
  const database = await openDatabase(location);
  const store = createStore(database);
  const signal =
    location.engine === 'postgres' ? createPostgresQueueSignal(location.connectionString, logger) : createInProcessQueueSignal();
  const services = createServiceContext(store, {
    stuckAfterMs: config.stuckAfterMs,
    cellsQueued: () => signal.notifyCellsReady(),
    ...options.serviceOverrides,
  });
  const firstToken = await prepareStartupTokens(services, config.apiToken);
  let engine: Engine | undefined;
  if (options.withWorkers ?? true) {
    const executors = options.executors ?? createAgents(config, store);
    engine = createEngine({ store, executors, signal, logger, settings: config.engine });
    engine.start();
  }
  const app = createApp({
    services,
    logger,
    maxBodyBytes: config.maxBodyBytes,
    version: VERSION,
    signal,
    checkHealth: async () => {
      await sql`select 1`.execute(database.db);
    },
  });
  return {
    services,
    signal,
    engine,
    app,
    firstToken,
    database,
    close: async () => {
      await engine?.stop();
      await signal.close();
      await database.close();
    },
  };
}

function toLocation(config: Config): DatabaseLocation {
  return config.database.engine === 'sqlite'
    ? { engine: 'sqlite', path: config.database.path }
    : { engine: 'postgres', connectionString: config.database.connectionString, poolSize: config.database.poolSize };
}

/** The agents this configuration can run, over the configured providers. */
export function createAgents(config: Config, store: Store): ExecutorRegistry {
  const cache = createDatabaseResponseCache(store);
  const llm = resolveLlmProvider(config.llm, { cache });
  return createExecutorRegistry({ llm: createLlmAgent(llm) });
}

/** Listen on HOST:PORT; resolves with the bound address (PORT=0 picks a free port). */
export function listen(fathom: Fathom, host: string, port: number): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: fathom.app.fetch, hostname: host, port }, (info) => {
      // Keep idle connections longer than clients and proxies usually do (60 s), so a client
      // never reuses a socket the server is closing at that moment (ECONNRESET).
      Object.assign(server, { keepAliveTimeout: 65_000, headersTimeout: 66_000 });
      const shownHost = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({ server, url: `http://${shownHost}:${info.port}` });
    });
    server.once('error', reject);
  });
}
