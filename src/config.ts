import { z } from 'zod';

/**
 * The only module that reads process.env. Every variable is documented in README.md
 * ("Configuration"); a bad value stops the process with a message naming the variable.
 * It imports nothing of ours: it declares plain settings types, and the engine, the providers
 * and the agents accept any structurally compatible object.
 */

const integer = (fallback: number, minimum: number, maximum: number) => z.coerce.number().int().min(minimum).max(maximum).default(fallback);

const EnvironmentSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: integer(8000, 0, 65_535),
  FATHOM_DB_PATH: z.string().min(1).default('./data/fathom.db'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  FATHOM_DB_POOL_SIZE: integer(10, 1, 200),
  FATHOM_DB_PREPARED_STATEMENTS: z.enum(['true', 'false', '']).default('true'),
  FATHOM_API_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  FATHOM_MAX_BODY_BYTES: integer(10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  FATHOM_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  FATHOM_WORKERS: integer(1, 1, 64),
  FATHOM_WORKER_CONCURRENCY: integer(32, 1, 10_000),
  FATHOM_CLAIM_BATCH_SIZE: integer(50, 1, 1_000),
  FATHOM_JOB_CONCURRENCY: integer(8, 1, 1_000),
  FATHOM_LEASE_SECONDS: integer(120, 1, 86_400),
  FATHOM_MAX_ATTEMPTS: integer(3, 1, 100),
  FATHOM_POLL_INTERVAL_MS: integer(1_000, 10, 600_000),
  FATHOM_STUCK_AFTER_MINUTES: integer(30, 1, 100_000),
  FATHOM_WORKER_HEAP_GROWTH_PERCENT: integer(30, 0, 1_000),

  FATHOM_LLM_PROVIDER: z
    .enum(['openai', 'anthropic', 'openai-compatible'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  OPENAI_API_KEY: optionalText(),
  ANTHROPIC_API_KEY: optionalText(),
  FATHOM_LLM_BASE_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  FATHOM_LLM_API_KEY: optionalText(),
  FATHOM_LLM_MODEL: optionalText(),
  FATHOM_LLM_REASONING_MODEL: optionalText(),
  FATHOM_LLM_CONCURRENCY: integer(8, 1, 10_000),
  FATHOM_LLM_REQUESTS_PER_MINUTE: integer(0, 0, 1_000_000),
  FATHOM_LLM_TOKENS_PER_MINUTE: integer(0, 0, 1_000_000_000),
  FATHOM_LLM_TIMEOUT_MS: integer(60_000, 0, 3_600_000),
  FATHOM_LLM_MAX_RETRIES: integer(2, 0, 20),
  FATHOM_CACHE_TTL_HOURS: z.coerce.number().min(0).max(100_000).default(168),
  FATHOM_LLM_MODELS: optionalText(),
  FATHOM_PRICES: optionalText(),
  FATHOM_WORKSPACE_DAILY_COST_CAP: z.coerce.number().min(0).max(1_000_000_000).default(0),
  FATHOM_WORKSPACE_MONTHLY_COST_CAP: z.coerce.number().min(0).max(1_000_000_000).default(0),
  FATHOM_RUN_CONFIRM_ABOVE: z.coerce.number().min(0).max(1_000_000_000).default(1),

  FATHOM_FETCH_ALLOW_HOSTS: optionalText(),
  FATHOM_USER_AGENT: optionalText(),
  FATHOM_FETCH_TIMEOUT_MS: integer(15_000, 100, 600_000),
  FATHOM_FETCH_MAX_BYTES: integer(5 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  FATHOM_FETCH_PER_HOST: integer(2, 1, 100),
  HTTP_PROXY: optionalText(),
  HTTPS_PROXY: optionalText(),
  NO_PROXY: optionalText(),
  FATHOM_PROXY_IS_SSRF_BOUNDARY: z.enum(['true', 'false', '']).default('false'),
  FATHOM_SEARCH_PROVIDER: z
    .enum(['searxng', 'brave', 'serper', 'tavily', 'exa'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  FATHOM_SEARCH_URL: optionalText(),
  FATHOM_SEARCH_API_KEY: optionalText(),

  FATHOM_DNS_SERVERS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    )
    .pipe(
      z.array(z.string().regex(/^(\[[0-9a-fA-F:]+\]|[0-9.]+)(:\d{1,5})?$/, 'must be comma-separated host:port entries with IP addresses, e.g. 127.0.0.1:5353')),
    ),
  FATHOM_EMAIL_FINDER_PROVIDER: z
    .enum(['hunter'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  FATHOM_EMAIL_FINDER_URL: optionalText(),
  FATHOM_EMAIL_FINDER_API_KEY: optionalText(),

  FATHOM_COMPANY_PROFILE_TTL_HOURS: z.coerce.number().min(0).max(1_000_000).default(720),
  FATHOM_COMPANY_LOOKUP_BUDGET_SECONDS: z.coerce.number().min(0).max(600).default(20),
  FATHOM_EMBEDDING_MODEL: optionalText(),
  FATHOM_COMPANY_INDEX_WORKSPACES: integer(8, 1, 100_000),
  FATHOM_COMPANY_INDEX_WARM_UP: z.enum(['true', 'false', '']).default('true'),
  FATHOM_COMPANY_MATCH_THRESHOLD: z.coerce.number().min(0.5).max(1).default(0.75),
  FATHOM_COMPANY_UNRESOLVED: z.enum(['not_found', 'fail']).default('not_found'),
  FATHOM_RESEARCH_MAX_SEARCHES: integer(3, 0, 100),
  FATHOM_RESEARCH_MAX_PAGES: integer(5, 1, 100),
  FATHOM_RESEARCH_MAX_TOKENS: integer(40_000, 1_000, 10_000_000),
  FATHOM_RESEARCH_TIMEOUT_SECONDS: integer(120, 1, 3_600),
  FATHOM_RESEARCH_REASONING_STEPS: integer(3, 1, 10),
  FATHOM_RESEARCH_PAGE_CACHE_SECONDS: integer(900, 0, 86_400),
  FATHOM_RESEARCH_PAGE_CACHE_MB: integer(64, 1, 100_000),
});

/**
 * `FATHOM_PRICES` overrides of the built-in price table (docs/cost.md), in dollars: per million
 * tokens by model, per search by search provider. Entries replace the defaults one by one.
 */
export const PriceOverridesSchema = z
  .object({
    models: z.record(z.string().min(1), z.object({ input_per_million: z.number().min(0), output_per_million: z.number().min(0) }).strict()).default({}),
    searches: z.record(z.string().min(1), z.number().min(0)).default({}),
  })
  .strict();

export type PriceOverrides = z.output<typeof PriceOverridesSchema>;

/** Parse `FATHOM_PRICES` JSON (inline or a file's text); throws ConfigError naming `source`. */
export function parsePriceOverrides(text: string, source: string): PriceOverrides {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`invalid configuration: FATHOM_PRICES (${source}) is not JSON: ${(error as Error).message}`);
  }
  const parsed = PriceOverridesSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${['FATHOM_PRICES', ...issue.path].join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')} (${source})`);
  }
  return parsed.data;
}

function optionalText() {
  return z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));
}

/** The run engine's settings (`createEngine`). */
export interface EngineConfig {
  /** Worker loops in this process (each with its own claims). */
  workers: number;
  /** Cells executing at once per worker. */
  concurrency: number;
  claimBatchSize: number;
  leaseMs: number;
  /** Claims of one cell before it fails for good. */
  maxAttempts: number;
  pollIntervalMs: number;
  reapIntervalMs: number;
  sweepIntervalMs: number;
  /** Jobs (discovery stages, deep research, embeddings) running at once per process. */
  jobConcurrency: number;
  /**
   * How far a `fathom worker` process lets its JavaScript heap grow past what survived its last
   * full collection before collecting again (percent; 0: V8's own choice). See limitHeapGrowth.
   */
  workerHeapGrowthPercent: number;
  /** The wait before a failed cell's next claim (`domain/backoff.ts`). */
  backoff: { baseDelayMs: number; maxDelayMs: number };
}

/** The model providers' settings (`resolveLlmProvider`). */
export interface LlmConfig {
  /** Provider to use; null picks the only configured one. */
  provider: 'openai' | 'anthropic' | 'openai-compatible' | null;
  openaiApiKey?: string;
  anthropicApiKey?: string;
  /** Base URL of an OpenAI-compatible server, including `/v1`. */
  baseUrl?: string;
  /** Key for the OpenAI-compatible server, when it wants one. */
  apiKey?: string;
  model?: string;
  reasoningModel?: string;
  /** Further models of the same provider an agent column may name in `value.model`. */
  extraModels: string[];
  /** Calls in flight at once. */
  concurrency: number;
  /** Calls started per minute; 0 means no limit. */
  requestsPerMinute: number;
  /** Tokens (input + output) per minute; 0 means no limit. */
  tokensPerMinute: number;
  /** Time one attempt may take, in milliseconds; 0 means no limit. */
  timeoutMs: number;
  /** Quick retries of a transient failure after the first attempt. */
  maxRetries: number;
  /** How long a response stays in the cache, in milliseconds; 0 turns the cache off. */
  cacheTtlMs: number;
}

/** Prices, spending caps and the Run dialog's confirmation threshold (docs/cost.md), in dollars. */
export interface CostConfig {
  /** Overrides given inline in `FATHOM_PRICES`, or null. */
  priceOverrides: PriceOverrides | null;
  /** A JSON file of overrides (`FATHOM_PRICES` that is not JSON), read at start-up, or null. */
  priceFile: string | null;
  /** Spend per workspace per UTC day / calendar month that stops its runs; 0: no cap. */
  workspaceDailyCap: number;
  workspaceMonthlyCap: number;
  /** A run estimated above this asks for confirmation in the grid and the CLI. */
  confirmRunAbove: number;
}

/** Per-cell budgets of the research agents and the page cache they share. */
export interface ResearchConfig {
  budget: { maxSearches: number; maxPages: number; maxTokens: number; timeoutMs: number };
  /** Search-read-answer rounds of a `research_reasoning` cell. */
  reasoningSteps: number;
  pageCacheTtlMs: number;
  pageCacheBytes: number;
}

export interface Config {
  host: string;
  port: number;
  database: { engine: 'sqlite'; path: string } | { engine: 'postgres'; connectionString: string; poolSize: number; preparedStatements: boolean };
  /** A token that is always valid for the default workspace (scripts, CI). */
  apiToken: string | undefined;
  maxBodyBytes: number;
  logLevel: z.infer<typeof EnvironmentSchema>['FATHOM_LOG_LEVEL'];
  engine: EngineConfig;
  /** Queued or running cells older than this are "stuck" for mode stuck_failed_new. */
  stuckAfterMs: number;
  llm: LlmConfig;
  fetch: {
    allowHosts: string[];
    userAgent: string | undefined;
    timeoutMs: number;
    maxBytes: number;
    perHostConcurrency: number;
    proxy: { httpProxy?: string; httpsProxy?: string; noProxy?: string };
    /** The proxy refuses private destinations itself: names that do not resolve here may go to it. */
    isProxySsrfBoundary: boolean;
  };
  search: { provider: 'searxng' | 'brave' | 'serper' | 'tavily' | 'exa' | null; url: string | undefined; apiKey: string | undefined };
  /** Company profiles older than this are refreshed by a mode "all" run (reused otherwise). */
  companyProfileTtlMs: number;
  /** How long GET /v1/companies/{domain} waits for a missing profile to be built before answering 504 (the build goes on). */
  companyLookupBudgetMs: number;
  /**
   * Embedding model of the configured LLM provider (OpenAI or OpenAI-compatible) for hybrid company
   * search; null: search is lexical only.
   */
  embeddingModel: string | null;
  /**
   * The in-memory company index (text and vectors): how many workspaces a process keeps (least
   * recently searched dropped first), and whether an API process loads the largest of them in the
   * background at start-up.
   */
  companyIndex: { maxWorkspaces: number; warmUp: boolean };
  /** How a company given by name is matched to a website (see CompanyMatchSettings). */
  companyMatch: { threshold: number; unresolved: 'not_found' | 'fail' };
  /** Per-cell budgets of the research agents and the page cache they share. */
  research: ResearchConfig;
  cost: CostConfig;
  /** What the email, phone and people finders use beside the web. */
  people: PeopleConfig;
}

/** The people finders' outside services. */
export interface PeopleConfig {
  /** DNS servers for MX lookups (`host:port`); empty means the system resolver. */
  dnsServers: string[];
  /** An optional paid email-finder API; null means public evidence only. */
  emailFinder: { provider: 'hunter'; url: string; apiKey: string } | null;
}

function emailFinderConfig(values: z.infer<typeof EnvironmentSchema>): PeopleConfig['emailFinder'] {
  if (!values.FATHOM_EMAIL_FINDER_PROVIDER) return null;
  if (!values.FATHOM_EMAIL_FINDER_API_KEY)
    throw new ConfigError('invalid configuration: FATHOM_EMAIL_FINDER_API_KEY: required when FATHOM_EMAIL_FINDER_PROVIDER is set');
  return {
    provider: values.FATHOM_EMAIL_FINDER_PROVIDER,
    url: values.FATHOM_EMAIL_FINDER_URL ?? 'https://api.hunter.io/v2',
    apiKey: values.FATHOM_EMAIL_FINDER_API_KEY,
  };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** `FATHOM_PRICES` is inline JSON when it starts with `{`, else the path of a JSON file. */
function priceSource(value: string | undefined): Pick<CostConfig, 'priceOverrides' | 'priceFile'> {
  if (value === undefined) return { priceOverrides: null, priceFile: null };
  if (value.startsWith('{')) return { priceOverrides: parsePriceOverrides(value, 'inline JSON'), priceFile: null };
  return { priceOverrides: null, priceFile: value };
}

/** Build the config from an environment (process.env by default). Throws ConfigError naming the variable. */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvironmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  // Proxies are often set in lower case (curl's convention); the upper-case name wins.
  const proxyVariable = (name: 'HTTP_PROXY' | 'HTTPS_PROXY' | 'NO_PROXY') => values[name] ?? (environment[name.toLowerCase()]?.trim() || undefined);
  return {
    host: values.HOST,
    port: values.PORT,
    database: values.DATABASE_URL
      ? {
          engine: 'postgres',
          connectionString: values.DATABASE_URL,
          poolSize: values.FATHOM_DB_POOL_SIZE,
          preparedStatements: values.FATHOM_DB_PREPARED_STATEMENTS !== 'false',
        }
      : { engine: 'sqlite', path: values.FATHOM_DB_PATH },
    apiToken: values.FATHOM_API_TOKEN,
    maxBodyBytes: values.FATHOM_MAX_BODY_BYTES,
    logLevel: values.FATHOM_LOG_LEVEL,
    engine: {
      workers: values.FATHOM_WORKERS,
      concurrency: values.FATHOM_WORKER_CONCURRENCY,
      claimBatchSize: values.FATHOM_CLAIM_BATCH_SIZE,
      leaseMs: values.FATHOM_LEASE_SECONDS * 1000,
      maxAttempts: values.FATHOM_MAX_ATTEMPTS,
      pollIntervalMs: values.FATHOM_POLL_INTERVAL_MS,
      reapIntervalMs: Math.min(30_000, Math.max(1_000, Math.floor((values.FATHOM_LEASE_SECONDS * 1000) / 4))),
      sweepIntervalMs: 60_000,
      jobConcurrency: values.FATHOM_JOB_CONCURRENCY,
      workerHeapGrowthPercent: values.FATHOM_WORKER_HEAP_GROWTH_PERCENT,
      // A failed cell waits 0.5–1 s, then 1–2 s, 2–4 s… never more than 5 minutes.
      backoff: { baseDelayMs: 1_000, maxDelayMs: 5 * 60_000 },
    },
    stuckAfterMs: values.FATHOM_STUCK_AFTER_MINUTES * 60_000,
    llm: {
      provider: values.FATHOM_LLM_PROVIDER ?? null,
      ...(values.OPENAI_API_KEY ? { openaiApiKey: values.OPENAI_API_KEY } : {}),
      ...(values.ANTHROPIC_API_KEY ? { anthropicApiKey: values.ANTHROPIC_API_KEY } : {}),
      ...(values.FATHOM_LLM_BASE_URL ? { baseUrl: values.FATHOM_LLM_BASE_URL } : {}),
      ...(values.FATHOM_LLM_API_KEY ? { apiKey: values.FATHOM_LLM_API_KEY } : {}),
      ...(values.FATHOM_LLM_MODEL ? { model: values.FATHOM_LLM_MODEL } : {}),
      ...(values.FATHOM_LLM_REASONING_MODEL ? { reasoningModel: values.FATHOM_LLM_REASONING_MODEL } : {}),
      concurrency: values.FATHOM_LLM_CONCURRENCY,
      requestsPerMinute: values.FATHOM_LLM_REQUESTS_PER_MINUTE,
      tokensPerMinute: values.FATHOM_LLM_TOKENS_PER_MINUTE,
      timeoutMs: values.FATHOM_LLM_TIMEOUT_MS,
      maxRetries: values.FATHOM_LLM_MAX_RETRIES,
      extraModels: (values.FATHOM_LLM_MODELS ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
      cacheTtlMs: values.FATHOM_CACHE_TTL_HOURS * 3_600_000,
    },
    fetch: {
      allowHosts: (values.FATHOM_FETCH_ALLOW_HOSTS ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
      userAgent: values.FATHOM_USER_AGENT,
      timeoutMs: values.FATHOM_FETCH_TIMEOUT_MS,
      maxBytes: values.FATHOM_FETCH_MAX_BYTES,
      perHostConcurrency: values.FATHOM_FETCH_PER_HOST,
      proxy: {
        ...(proxyVariable('HTTP_PROXY') ? { httpProxy: proxyVariable('HTTP_PROXY') } : {}),
        ...(proxyVariable('HTTPS_PROXY') ? { httpsProxy: proxyVariable('HTTPS_PROXY') } : {}),
        ...(proxyVariable('NO_PROXY') ? { noProxy: proxyVariable('NO_PROXY') } : {}),
      },
      isProxySsrfBoundary: values.FATHOM_PROXY_IS_SSRF_BOUNDARY === 'true',
    },
    search: { provider: values.FATHOM_SEARCH_PROVIDER ?? null, url: values.FATHOM_SEARCH_URL, apiKey: values.FATHOM_SEARCH_API_KEY },
    companyProfileTtlMs: values.FATHOM_COMPANY_PROFILE_TTL_HOURS * 3_600_000,
    companyLookupBudgetMs: values.FATHOM_COMPANY_LOOKUP_BUDGET_SECONDS * 1_000,
    embeddingModel: values.FATHOM_EMBEDDING_MODEL ?? null,
    companyIndex: { maxWorkspaces: values.FATHOM_COMPANY_INDEX_WORKSPACES, warmUp: values.FATHOM_COMPANY_INDEX_WARM_UP !== 'false' },
    companyMatch: { threshold: values.FATHOM_COMPANY_MATCH_THRESHOLD, unresolved: values.FATHOM_COMPANY_UNRESOLVED },
    research: {
      budget: {
        maxSearches: values.FATHOM_RESEARCH_MAX_SEARCHES,
        maxPages: values.FATHOM_RESEARCH_MAX_PAGES,
        maxTokens: values.FATHOM_RESEARCH_MAX_TOKENS,
        timeoutMs: values.FATHOM_RESEARCH_TIMEOUT_SECONDS * 1000,
      },
      reasoningSteps: values.FATHOM_RESEARCH_REASONING_STEPS,
      pageCacheTtlMs: values.FATHOM_RESEARCH_PAGE_CACHE_SECONDS * 1000,
      pageCacheBytes: values.FATHOM_RESEARCH_PAGE_CACHE_MB * 1024 * 1024,
    },
    people: { dnsServers: values.FATHOM_DNS_SERVERS, emailFinder: emailFinderConfig(values) },
    cost: {
      ...priceSource(values.FATHOM_PRICES),
      workspaceDailyCap: values.FATHOM_WORKSPACE_DAILY_COST_CAP,
      workspaceMonthlyCap: values.FATHOM_WORKSPACE_MONTHLY_COST_CAP,
      confirmRunAbove: values.FATHOM_RUN_CONFIRM_ABOVE,
    },
  };
}
