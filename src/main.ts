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
import { CompanyProfileResolver } from './agents/company/company-profile-resolver.ts';
import { SharedPageReader, type PageReadStatistics } from './agents/research/shared-page-reader.ts';
import { SharedSearchReader } from './agents/research/shared-search-reader.ts';
import { createSafeFetcher, type SafeFetcherOptions } from './providers/fetch/index.ts';
import { chooseLlmProvider } from './providers/llm/choose-llm-provider.ts';
import { createSearchProvider } from './providers/search/index.ts';
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
  const signal = location.engine === 'postgres' ? createPostgresQueueSignal(location.connectionString, logger) : createInProcessQueueSignal();
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

/** What tests and benchmarks may change about the agents' outbound access. */
export interface AgentOverrides {
  /** Fetcher options over the configured ones (the fixture web's `lookup`, shorter timeouts). */
  fetcher?: Partial<SafeFetcherOptions>;
  /** Registrable domains the linkedin agent treats as LinkedIn (default linkedin.com). */
  linkedinDomains?: string[];
}

/** The executors plus what their owner may need: closing connections, page-sharing counters. */
export interface AgentRegistry extends ExecutorRegistry {
  /** Closes the fetcher's connections; the agents must not be used afterwards. */
  close(): Promise<void>;
  /** Reads of the page cache shared by the company and research agents. */
  pageStatistics(): PageReadStatistics;
}

/** The agents this configuration can run, over the configured providers. */
export function createAgents(config: Config, store: Store, overrides: AgentOverrides = {}): AgentRegistry {
  const cache = createDatabaseResponseCache(store);
  const llm = resolveLlmProvider(config.llm, { cache });
  const reasoningLlm = resolveLlmProvider(config.llm, { cache, modelRole: 'reasoning' });
  const llmChoice = chooseLlmProvider(config.llm);
  const llmProblem = 'problem' in llmChoice ? llmChoice.problem : null;
  const fetcher = createSafeFetcher({
    ...(config.fetch.userAgent ? { userAgent: config.fetch.userAgent } : {}),
    allowHosts: config.fetch.allowHosts,
    proxy: config.fetch.proxy,
    isProxySsrfBoundary: config.fetch.isProxySsrfBoundary,
    totalTimeoutMs: config.fetch.timeoutMs,
    headersTimeoutMs: Math.min(15_000, config.fetch.timeoutMs),
    connectTimeoutMs: Math.min(10_000, config.fetch.timeoutMs),
    maxBytes: config.fetch.maxBytes,
    perHostConcurrency: config.fetch.perHostConcurrency,
    ...overrides.fetcher,
  });
  const searchProvider = createSearchProvider({ ...config.search, timeoutMs: config.fetch.timeoutMs });
  const pages = new SharedPageReader(fetcher, { ttlMs: config.research.pageCacheTtlMs, maxBytes: config.research.pageCacheBytes });
  const search = searchProvider ? new SharedSearchReader(searchProvider, { ttlMs: config.research.pageCacheTtlMs }) : null;
  const research = { provider: llm, reasoningProvider: reasoningLlm, llmProblem, tools: { pages, search }, settings: config.research, store };
  const profiles = new CompanyProfileResolver({
    store,
    pages,
    search,
    provider: llmProblem ? null : llm,
    ttlMs: config.companyProfileTtlMs,
    match: config.companyMatch,
  });
  const registry = createExecutorRegistry({
    llm,
    research,
    linkedin: {
      provider: llm,
      llmProblem,
      pages,
      search,
      store,
      ...(overrides.linkedinDomains ? { linkedinDomains: overrides.linkedinDomains } : {}),
    },
    profiles,
    companyMatch: config.companyMatch,
    store,
  });
  return { ...registry, close: () => fetcher.close(), pageStatistics: () => pages.statistics() };
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
