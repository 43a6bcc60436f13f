import { serve, type ServerType } from '@hono/node-server';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type * as ApiApp from './api/app.ts';
import type { Config } from './config.ts';
import { createStore } from './store/kysely-store.ts';
import { openDatabase, type DatabaseLocation, type OpenedDatabase } from './store/open-database.ts';
import { prepareStartupTokens } from './services/api-tokens.ts';
import { createServiceContext, type ServiceContext } from './services/service-context.ts';
import { importDiscoveryResult } from './services/discovery-import.ts';
import { VERSION } from './version.ts';
import { uuidV7 } from './domain/uuid-v7.ts';
import { createExecutorRegistry } from './agents/executor-registry.ts';
import type { AgentDependencies } from './agents/executor-factories.ts';
import { CompanyProfileResolver } from './agents/company/company-profile-resolver.ts';
import { SharedPageReader, type PageReadStatistics } from './agents/research/shared-page-reader.ts';
import { SharedSearchReader } from './agents/research/shared-search-reader.ts';
import { createSafeFetcher, type SafeFetcherOptions } from './providers/fetch/index.ts';
import { chooseLlmProvider } from './providers/llm/choose-llm-provider.ts';
import { createSearchProvider } from './providers/search/index.ts';
import type { ExecutorRegistry } from './engine/cell-executor.ts';
import { createInProcessCellChangeFeed, type CellChangeFeed } from './engine/cell-change-feed.ts';
import { createEngine, type Engine } from './engine/engine.ts';
import type { JobKind } from './engine/jobs/job-kind.ts';
import { createJobKinds, type JobKindRegistry } from './engine/jobs/job-kinds.ts';
import { createJobQueue, type JobQueue } from './engine/jobs/job-queue.ts';
import { PROFILE_BUILD_JOB, profileBuildJobKind } from './engine/jobs/kinds/profile-build-job.ts';
import { PROFILE_EMBED_JOB, profileEmbedJobKind } from './engine/jobs/kinds/profile-embed-job.ts';
import { createEmbeddingProvider } from './providers/embedding/create-embedding-provider.ts';
import type { EmbeddingProvider } from './providers/embedding/embedding-provider.ts';
import { createHybridSearch } from './services/company-search/hybrid-search.ts';
import { type WarmUpReport, warmCompanyIndexes } from './services/company-search/company-index-warm-up.ts';
import { resolverProfileBuilder } from './agents/company/resolver-profile-builder.ts';
import type { CompanyProfileBuilding } from './services/company-search/company-lookup-service.ts';
import { reportEngineChange } from './engine/engine-change-report.ts';
import { createPostgresCellChangeFeed } from './engine/postgres-cell-change-feed.ts';
import { createPostgresNotifications } from './engine/postgres-notifications.ts';
import { createPostgresWorkerWakeUp } from './engine/postgres-worker-wake-up.ts';
import { createInProcessWorkerWakeUp, type WorkerWakeUp } from './engine/worker-wake-up.ts';
import { createDatabaseResponseCache } from './providers/llm/database-response-cache.ts';
import { resolveLlmProvider } from './providers/llm/resolve-llm-provider.ts';
import type { Store } from './store/store.ts';
import { createDeepResearchJobKinds, type DeepResearchTools } from './agents/deep-research/deep-research-jobs.ts';
import { createDiscoveryJobKinds, type DiscoveryTools } from './agents/discovery/discovery-jobs.ts';
import { CompanyIndexCandidates } from './agents/discovery/company-index-candidates.ts';
import { draftCriteria } from './agents/discovery/criteria-drafting.ts';
import { WebSearchCandidates } from './agents/discovery/web-search-candidates.ts';
import type { LlmProvider } from './providers/spec/llm.ts';
import { createChildPeopleRows } from './services/child-people-service.ts';
import { createMailDomainChecker } from './providers/dns/resolver-mail-domain-checker.ts';
import { createHunterEmailFinder } from './providers/email/hunter-email-finder.ts';
import { withRecordedCost } from './domain/cost/cell-usage.ts';
import type { CellValue } from './engine/cell-executor.ts';
import { RunCapGuard } from './engine/run-cap-guard.ts';
import { loadPriceTable, type CostSettings } from './services/cost-settings.ts';
import { enforceCaps, UncappedRuns } from './services/run-caps.ts';

/** Everything wired together: implementations meet here and nowhere else. */
export interface Fathom {
  services: ServiceContext;
  /** Wakes the workers (of this process and, on PostgreSQL, of every process). */
  wakeUp: WorkerWakeUp;
  /** Which cells the engine changed, for live updates. */
  changeFeed: CellChangeFeed;
  /** Queues long-running jobs for the engine (from any process; workers anywhere run them). */
  jobs: JobQueue;
  /** The job kinds this process knows. */
  jobKinds: JobKindRegistry;
  /** The run engine, when this process runs workers. */
  engine: Engine | undefined;
  /** The HTTP application, when this process serves the API. */
  app: ReturnType<typeof ApiApp.createApp> | undefined;
  /** A token created at start-up because none existed (print it once), else undefined. Only an API process creates one. */
  firstToken: string | undefined;
  /** The opened database, for operational commands and tests that inspect storage directly. */
  database: OpenedDatabase;
  /** The start-up load of the largest workspaces' company indexes (API processes, unless turned off), for tests and benchmarks; null when none runs. */
  companyIndexWarmUp: Promise<WarmUpReport> | null;
  /** Stop the workers, then close everything this process opened; every step runs even if one fails. */
  close(): Promise<void>;
}

export interface FathomOptions {
  config: Config;
  logger: Logger;
  /** Overrides for tests: a Postgres schema, a fixed clock. */
  databaseLocation?: DatabaseLocation;
  serviceOverrides?: Parameters<typeof createServiceContext>[1];
  /** Serve the API from this process (default true; `fathom worker` runs without it). */
  withApi?: boolean;
  /** Run workers in this process (default true; `fathom serve --no-workers` runs without them). */
  withWorkers?: boolean;
  /** Replace the agents (tests, benchmarks); the caller keeps them and closes them. */
  executors?: ExecutorRegistry;
  /** What tests and benchmarks change about the agents' outbound access (the fixture web's resolver). */
  agentOverrides?: AgentOverrides;
  /** With `executors`: who builds company profiles outside tables (by default, nobody: lookups of unknown domains answer 404). */
  profileBuilder?: CompanyProfileBuilding;
  /** More job kinds beside the built-in ones (tests, extensions). */
  extraJobKinds?: readonly JobKind<unknown>[];
}

/**
 * Open one process of Fathom. `fathom serve` is API and workers, `fathom serve --no-workers`
 * the API alone, `fathom worker` the workers alone; everything else is the same wiring. Only
 * an API process creates the first token: a worker started beside it must not take (and
 * hide) the one token the API would have printed.
 */
export async function createFathom(options: FathomOptions): Promise<Fathom> {
  const { config, logger } = options;
  const role = { api: options.withApi ?? true, workers: options.withWorkers ?? true };
  const location: DatabaseLocation = options.databaseLocation ?? toLocation(config);
  const cleanups: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    const errors: unknown[] = [];
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error) => errors.push(error));
    if (errors.length > 0) throw errors.length === 1 ? errors[0] : new AggregateError(errors, 'closing Fathom failed');
  };
  try {
    const database = await openDatabase(location, { onMigrationProgress: (line) => logger.info({ progress: line }, 'database-migration') });
    cleanups.push(() => database.close());
    const store = createStore(database, { companyIndexWorkspaces: config.companyIndex.maxWorkspaces });
    const signals = createSignals(location, role, logger);
    cleanups.push(() => signals.close());
    const outlets = { wakeUp: signals.wakeUp, changeFeed: signals.changeFeed, logger };
    // Discovery's tools exist only where agents run; an API process registers the kinds to queue them.
    let discoveryTools: DiscoveryTools | undefined;
    let deepResearchTools: DeepResearchTools | undefined;
    const jobKinds = createJobKinds([
      ...createDiscoveryJobKinds(() => discoveryTools),
      ...createDeepResearchJobKinds(() => deepResearchTools),
      ...(options.extraJobKinds ?? []),
    ]);
    const jobs = createJobQueue({ store, kinds: jobKinds, wakeUp: signals.wakeUp });
    // Company vectors: computed by the workers (profile.embed jobs), searched by the API process.
    const embedding = embeddingProviderOf(config, logger, role);
    const embedder = embedding ?? undefined;
    jobKinds.register(profileEmbedJobKind(store, () => embedder));
    const companyProfilesSaved = (workspaceId: string) => {
      if (!embedder) return;
      jobs
        .enqueue(workspaceId, PROFILE_EMBED_JOB, {}, { dedupeKey: PROFILE_EMBED_JOB })
        .catch((error) => logger.warn({ err: error, workspaceId }, 'profile-embed-enqueue-failed'));
    };
    const cost = costSettingsOf(config);
    const services = createServiceContext(store, {
      cost,
      stuckAfterMs: config.stuckAfterMs,
      cellsQueued: () => signals.wakeUp.notifyCellsReady(),
      cellsChanged: (change) => reportEngineChange(outlets, change),
      enqueueJob: (workspaceId, kind, payload, enqueueOptions) => jobs.enqueue(workspaceId, kind, payload, enqueueOptions),
      companyProfilesSaved,
      ...options.serviceOverrides,
    });
    const firstToken = role.api ? await prepareStartupTokens(services, config.apiToken) : undefined;
    let engine: Engine | undefined;
    let profileBuilder: CompanyProfileBuilding | undefined = options.profileBuilder && reportingSaves(options.profileBuilder, companyProfilesSaved);
    jobKinds.register(profileBuildJobKind(() => profileBuilder));
    if (role.workers) {
      let executors = options.executors;
      if (!executors) {
        // Profiles the agents save (a table's company_profile column) are embedded like imported ones.
        const agents = createAgents(config, storeReportingProfileSaves(store, companyProfilesSaved), options.agentOverrides);
        cleanups.push(() => agents.close());
        executors = agents;
        discoveryTools = discoveryToolsOf(agents, services, cost, logger);
        profileBuilder = reportingSaves(agents.profileBuilder, companyProfilesSaved);
        deepResearchTools = deepResearchToolsOf(agents, services, config, cost, logger);
      }
      const uncappedRuns = new UncappedRuns();
      const capGuard = new RunCapGuard(
        (runs, now) => enforceCaps(store, cost, runs, now, uncappedRuns),
        (change) => reportEngineChange(outlets, change),
        logger,
      );
      // After the workers stopped (cleanups run in reverse): the last checks they started end first.
      cleanups.push(() => capGuard.idle());
      const spending = { recordCost: (value: CellValue) => withRecordedCost(value, cost.prices, cost.searchProvider), capGuard };
      const workers = createEngine({ ...outlets, store, executors, settings: config.engine, jobs: { store, kinds: jobKinds, queue: jobs }, spending });
      cleanups.push(() => workers.stop());
      engine = workers;
    }
    // Listening before the workers start: a wake-up sent meanwhile would otherwise wait a poll.
    await signals.start();
    await engine?.start();
    // Profiles saved before the model was set, or under another model, are embedded (again).
    if (engine && embedder) for (const workspaceId of await store.listWorkspacesToEmbed(embedder.model)) companyProfilesSaved(workspaceId);
    const hybridSearch = embedder ? createHybridSearch(store, embedder, config.companyIndex.maxWorkspaces) : undefined;
    // The API (its routes and their request schemas) is loaded only by processes that serve it: a
    // `fathom worker` never does, and holding it cost each worker memory for nothing.
    const app = role.api
      ? (await import('./api/app.ts')).createApp({
          services,
          logger,
          maxBodyBytes: config.maxBodyBytes,
          version: VERSION,
          changeFeed: signals.changeFeed,
          profileBuilder,
          companyLookupBudgetMs: config.companyLookupBudgetMs,
          ...(hybridSearch ? { hybridSearch } : {}),
          durableProfileBuild: async (workspaceId, site, identifier) => {
            await jobs.enqueue(workspaceId, PROFILE_BUILD_JOB, { domain: identifier }, { dedupeKey: site });
          },
          profilingQueue: {
            enqueue: async (workspaceId, domains) => {
              for (const domain of domains) await jobs.enqueue(workspaceId, PROFILE_BUILD_JOB, { domain }, { dedupeKey: domain });
            },
          },
          checkHealth: async () => {
            await sql`select 1`.execute(database.db);
          },
        })
      : undefined;
    const companyIndexWarmUp = role.api && config.companyIndex.warmUp ? startCompanyIndexWarmUp(store, hybridSearch, config, logger, cleanups) : null;
    return {
      services,
      wakeUp: signals.wakeUp,
      changeFeed: signals.changeFeed,
      jobs,
      jobKinds,
      engine,
      app,
      firstToken,
      database,
      companyIndexWarmUp,
      close: closeAll,
    };
  } catch (error) {
    await closeAll().catch((closeError) => logger.error({ err: closeError }, 'close-after-failed-start-failed'));
    throw error;
  }
}

/**
 * Load the largest workspaces' company indexes in the background (not awaited: start-up and
 * readiness do not wait for it; the loads are sliced, so requests are served meanwhile). Closing
 * stops it between workspaces; a load under way then fails on the closed database, which is reported.
 */
function startCompanyIndexWarmUp(
  store: Store,
  hybridSearch: ReturnType<typeof createHybridSearch> | undefined,
  config: Config,
  logger: Logger,
  cleanups: (() => Promise<void>)[],
): Promise<WarmUpReport> {
  const stop = new AbortController();
  cleanups.push(async () => stop.abort());
  const started = performance.now();
  return warmCompanyIndexes({
    store,
    ...(hybridSearch ? { vectors: hybridSearch.vectors } : {}),
    maxWorkspaces: config.companyIndex.maxWorkspaces,
    signal: stop.signal,
  }).then((report) => {
    const summary = { workspaces: report.workspaces, ms: Math.round(performance.now() - started) };
    if (report.stopped) logger.warn({ ...summary, stopped: report.stopped }, 'company-index-warm-up-stopped');
    else logger.info(summary, 'company-index-warm-up-done');
    return report;
  });
}

/**
 * The embedding model for hybrid company search, or null (lexical search); says once at start-up
 * which, and how vectors are searched.
 */
function embeddingProviderOf(config: Config, logger: Logger, role: { api: boolean; workers: boolean }): EmbeddingProvider | null {
  if (!config.embeddingModel) {
    if (role.api) logger.info('company search: lexical only (set FATHOM_EMBEDDING_MODEL for hybrid ranking)');
    return null;
  }
  const choice = createEmbeddingProvider(config.llm, config.embeddingModel);
  if ('problem' in choice) {
    logger.warn({ model: config.embeddingModel }, `company search: lexical only, ${choice.problem}`);
    return null;
  }
  logger.info(
    { model: config.embeddingModel },
    'company search: hybrid ranking; vectors searched by an exact cosine scan of an in-memory float32 matrix per workspace (no sqlite-vec or pgvector)',
  );
  return choice.provider;
}

/** A profile builder that reports what it saved (so its vector is queued). */
function reportingSaves(builder: CompanyProfileBuilding, saved: (workspaceId: string) => void): CompanyProfileBuilding {
  return {
    build: async (workspaceId, site) => {
      const profile = await builder.build(workspaceId, site);
      if (profile) saved(workspaceId);
      return profile;
    },
  };
}

/** The store with `saveCompanyProfile` reporting each save after it committed; everything else is the store's own. */
function storeReportingProfileSaves(store: Store, saved: (workspaceId: string) => void): Store {
  const reporting = Object.create(store) as Store;
  reporting.saveCompanyProfile = async (profile, aliases) => {
    const stored = await store.saveCompanyProfile(profile, aliases);
    saved(stored.workspaceId);
    return stored;
  };
  return reporting;
}

/**
 * Wake-ups and the change feed. On PostgreSQL they cross processes through one listening
 * connection, which listens only to what this process's role needs: workers to wake-ups, the
 * API to changes.
 */
function createSignals(location: DatabaseLocation, role: { api: boolean; workers: boolean }, logger: Logger) {
  if (location.engine === 'sqlite') {
    return { wakeUp: createInProcessWorkerWakeUp(), changeFeed: createInProcessCellChangeFeed(), start: async () => {}, close: async () => {} };
  }
  const notifications = createPostgresNotifications(location.connectionString, logger);
  return {
    wakeUp: createPostgresWorkerWakeUp(notifications, { listens: role.workers }),
    changeFeed: createPostgresCellChangeFeed(notifications, { listens: role.api, logger }),
    start: () => notifications.start(),
    close: () => notifications.close(),
  };
}

/** Prices, the models columns may name and the spending caps, from the configuration. */
export function costSettingsOf(config: Config): CostSettings {
  const modelOf = (role: 'default' | 'reasoning') => {
    const choice = chooseLlmProvider(config.llm, role);
    return 'settings' in choice ? choice.settings.model : null;
  };
  const [defaultModel, reasoningModel] = [modelOf('default'), modelOf('reasoning')];
  const allowed = [
    ...new Set([defaultModel, reasoningModel, ...(defaultModel ? config.llm.extraModels : [])].filter((model): model is string => model !== null)),
  ];
  return {
    prices: loadPriceTable(config.cost),
    searchProvider: config.search.provider,
    models: { default: defaultModel, reasoning: reasoningModel, allowed },
    workspaceDailyCap: config.cost.workspaceDailyCap,
    workspaceMonthlyCap: config.cost.workspaceMonthlyCap,
    confirmRunAbove: config.cost.confirmRunAbove,
    researchBudget: {
      maxSearches: config.research.budget.maxSearches,
      maxPages: config.research.budget.maxPages,
      reasoningSteps: config.research.reasoningSteps,
    },
  };
}

function toLocation(config: Config): DatabaseLocation {
  return config.database.engine === 'sqlite'
    ? { engine: 'sqlite', path: config.database.path }
    : {
        engine: 'postgres',
        connectionString: config.database.connectionString,
        poolSize: config.database.poolSize,
        preparedStatements: config.database.preparedStatements,
      };
}

/** What tests and benchmarks may change about the agents' outbound access. */
export interface AgentOverrides {
  /** Fetcher options over the configured ones (the fixture web's `lookup`, shorter timeouts). */
  fetcher?: Partial<SafeFetcherOptions>;
  /** Registrable domains the linkedin agent treats as LinkedIn (default linkedin.com). */
  linkedinDomains?: string[];
  /** The domain the people finder searches for profiles with `site:` (default linkedin.com). */
  peopleProfileSearchSite?: string;
}

/** The executors plus what their owner may need: closing connections, page-sharing counters. */
export interface AgentRegistry extends ExecutorRegistry {
  /** Closes the fetcher's connections; the agents must not be used afterwards. */
  close(): Promise<void>;
  /** Reads of the page cache shared by the company and research agents. */
  pageStatistics(): PageReadStatistics;
  /** The providers and shared readers behind the agents, for work that is not a cell (Deep Search). */
  tools: {
    llm: LlmProvider | null;
    llmProblem: string | null;
    search: SharedSearchReader | null;
    pages: SharedPageReader;
    profiles: CompanyProfileResolver;
  };
  /** Builds company profiles outside tables (lookup on demand, imports), with the company_profile column's resolver. */
  profileBuilder: CompanyProfileBuilding;
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
  const people = {
    pages,
    search,
    store,
    profiles,
    rows: createChildPeopleRows(store, { newId: () => uuidV7(), now: () => new Date().toISOString() }),
    mail: createMailDomainChecker({ servers: config.people.dnsServers }),
    emailFinder: config.people.emailFinder
      ? createHunterEmailFinder({ baseUrl: config.people.emailFinder.url, apiKey: config.people.emailFinder.apiKey, timeoutMs: config.fetch.timeoutMs })
      : null,
    profileDomains: overrides.linkedinDomains ?? ['linkedin.com'],
    profileSearchSite: overrides.peopleProfileSearchSite ?? 'linkedin.com',
  };
  const dependencies: AgentDependencies = {
    llm,
    people,
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
  };
  // A column's own model (`value.model`, validated against the configured list) answers all its
  // calls, the reasoning ones too; each model has its own concurrency and rate budget.
  const registry = createExecutorRegistry(dependencies, (model) => {
    const modelLlm = resolveLlmProvider({ ...config.llm, model, reasoningModel: model }, { cache });
    return {
      ...dependencies,
      llm: modelLlm,
      research: { ...research, provider: modelLlm, reasoningProvider: modelLlm },
      linkedin: { ...dependencies.linkedin, provider: modelLlm },
    };
  });
  return {
    ...registry,
    close: () => fetcher.close(),
    pageStatistics: () => pages.statistics(),
    tools: { llm: llmProblem ? null : llm, llmProblem, search, pages, profiles },
    profileBuilder: resolverProfileBuilder(profiles),
  };
}

/** Deep Search's stages over the agents: web search as the candidate source, the shared profiles and graders. */
function discoveryToolsOf(agents: AgentRegistry, services: ServiceContext, cost: CostSettings, logger: Logger): DiscoveryTools {
  const { llm, llmProblem, search, pages, profiles } = agents.tools;
  const problem = llmProblem
    ? `Deep Search needs a model: ${llmProblem}`
    : search
      ? null
      : 'Deep Search needs a web search provider to find companies: set FATHOM_SEARCH_PROVIDER (and FATHOM_SEARCH_URL or FATHOM_SEARCH_API_KEY)';
  return {
    store: services.store,
    importResult: (task, candidate) => importDiscoveryResult(services, task, candidate),
    // The workspace's company index first: its companies need no search and are already profiled.
    sources: [new CompanyIndexCandidates(services.store), ...(llm && search ? [new WebSearchCandidates({ search, pages, provider: llm })] : [])],
    profiles,
    executors: agents,
    draftCriteria: llm ? (query, call) => draftCriteria(llm, query, call) : null,
    problem,
    pricing: { prices: cost.prices, searchProvider: cost.searchProvider },
    logger,
  };
}

/** Deep Research's stages over the agents: the everyday model, the shared page and search readers. */
function deepResearchToolsOf(agents: AgentRegistry, services: ServiceContext, config: Config, cost: CostSettings, logger: Logger): DeepResearchTools {
  const { llm, llmProblem, search, pages } = agents.tools;
  return {
    store: services.store,
    research: llm ? { provider: llm, pages, search } : null,
    agentBudget: config.research.budget,
    problem: llmProblem ? `Deep Research needs a model: ${llmProblem}` : null,
    pricing: { prices: cost.prices, searchProvider: cost.searchProvider },
    logger,
  };
}

/** Listen on HOST:PORT; resolves with the bound address (PORT=0 picks a free port). */
export function listen(fathom: Fathom, host: string, port: number): Promise<{ server: ServerType; url: string }> {
  const app = fathom.app;
  if (!app) return Promise.reject(new Error('this process was opened without the API (withApi: false): there is nothing to listen for'));
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
      // Keep idle connections longer than clients and proxies usually do (60 s), so a client
      // never reuses a socket the server is closing at that moment (ECONNRESET).
      Object.assign(server, { keepAliveTimeout: 65_000, headersTimeout: 66_000 });
      const shownHost = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({ server, url: `http://${shownHost}:${info.port}` });
    });
    server.once('error', reject);
  });
}
