import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { createFathom } from '../src/main.ts';
import { createApiToken } from '../src/services/api-tokens.ts';
import {
  createDeepSearchFixture,
  deepSearchCompanies,
  startDeepSearchEnvironment,
  WAREHOUSE_CRITERIA,
} from '../test/fixtures/fixture-web/deep-search/index.ts';
import type { BenchResult } from './bench-support.ts';

/**
 * Issue 15 target: a 250-result Deep Search on the fixture web (300 fictional companies, pages
 * answering after 15 ms, the model stand-in after 200 ms, model concurrency 20): wall time, pages
 * fetched and model calls per result, and how much of the time the 20 model slots were in use.
 *
 * The stand-ins run in a process of their own (`support/deep-search-standins-process.ts`), as a
 * real provider would; `FATHOM_BENCH_STANDINS=inline` runs them inside the server's process, as
 * the first measurement did, where their CPU shares Fathom's event loop.
 * Utilisation is given two ways: sampled (the model stand-in's requests in flight, every 10 ms,
 * over 20) and computed (model calls × 200 ms over 20 × wall time).
 */
const COMPANIES = Number(process.env.FATHOM_BENCH_DISCOVERY_COMPANIES ?? 300);
const RESULTS = Number(process.env.FATHOM_BENCH_DISCOVERY_RESULTS ?? 250);
const MODEL_DELAY_MS = 200;
const PAGE_DELAY_MS = 15;
const MODEL_CONCURRENCY = 20;
const JOB_CONCURRENCY = Number(process.env.FATHOM_BENCH_JOB_CONCURRENCY ?? 40);

interface StandinStats {
  modelCalls: number;
  cpuSeconds?: number;
  pageRequests: number;
  /** Mean model requests in flight (capped at the slots). */
  slotsInUse: number;
  inFlightPerSecond: number[];
}

interface Standins {
  environment: Record<string, string>;
  agentOverrides: { fetcher: { lookup: (hostname: string) => Promise<{ address: string; family: number }[]> } };
  start(): void;
  stop(): Promise<StandinStats>;
  close(): Promise<void>;
}

/** `*.test` names resolve to the fixture web on 127.0.0.1, as the fixture's own lookup does. */
async function fixtureLookup(hostname: string) {
  if (/\.test\.?$/i.test(hostname)) return [{ address: '127.0.0.1', family: 4 }];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
}

async function standinsInProcess(): Promise<Standins> {
  const script = fileURLToPath(new URL('./support/deep-search-standins-process.ts', import.meta.url));
  const child = fork(script, [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      BENCH_COMPANIES: String(COMPANIES),
      BENCH_MODEL_DELAY_MS: String(MODEL_DELAY_MS),
      BENCH_PAGE_DELAY_MS: String(PAGE_DELAY_MS),
      BENCH_MODEL_SLOTS: String(MODEL_CONCURRENCY),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type: string) =>
    new Promise<any>((resolve, reject) => {
      const onMessage = (message: any) => {
        if (message?.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message);
      };
      const onExit = (code: number | null) => reject(new Error(`the stand-ins process exited (${code}) before '${type}'`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next('ready');
  return {
    environment: ready.environment,
    agentOverrides: { fetcher: { lookup: fixtureLookup } },
    start: () => child.send({ type: 'start' }),
    stop: async () => {
      const stats = next('stats');
      child.send({ type: 'stop' });
      return stats;
    },
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'close' });
      await exited;
    },
  };
}

async function standinsInline(): Promise<Standins> {
  let modelCalls = 0;
  const environment = await startDeepSearchEnvironment({
    fixture: createDeepSearchFixture({ companies: deepSearchCompanies(COMPANIES), pageDelayMs: PAGE_DELAY_MS }),
    modelDelayMs: MODEL_DELAY_MS,
    onModelCall: () => {
      modelCalls += 1;
    },
  });
  let samples = 0;
  let busy = 0;
  let sampler: NodeJS.Timeout | undefined;
  return {
    environment: environment.environment,
    agentOverrides: environment.agentOverrides,
    start: () => {
      environment.web.resetRequestLog();
      modelCalls = 0;
      sampler = setInterval(() => {
        samples += 1;
        busy += Math.min(MODEL_CONCURRENCY, environment.llm.inFlight);
      }, 10);
    },
    stop: async () => {
      clearInterval(sampler);
      return {
        modelCalls,
        pageRequests: environment.web.requestLog.filter((request) => !request.path.startsWith('/robots.txt')).length,
        slotsInUse: busy / Math.max(1, samples),
        inFlightPerSecond: [],
      };
    },
    close: () => environment.close(),
  };
}

export async function run(): Promise<BenchResult> {
  const isInline = process.env.FATHOM_BENCH_STANDINS === 'inline';
  const standins = isInline ? await standinsInline() : await standinsInProcess();
  const directory = mkdtempSync(join(tmpdir(), 'fathom-discovery-bench-'));
  const config = loadConfig({
    PORT: '0',
    FATHOM_LOG_LEVEL: 'silent',
    DATABASE_URL: '',
    FATHOM_DB_PATH: join(directory, 'fathom.db'),
    ...standins.environment,
    FATHOM_LLM_CONCURRENCY: String(MODEL_CONCURRENCY),
    FATHOM_JOB_CONCURRENCY: String(JOB_CONCURRENCY),
    FATHOM_FETCH_TIMEOUT_MS: '15000',
    FATHOM_LLM_TIMEOUT_MS: '60000',
  });
  const fathom = await createFathom({ config, logger: pino({ level: 'silent' }), withWorkers: true, agentOverrides: standins.agentOverrides as any });
  try {
    const { token } = await createApiToken(fathom.services, { workspaceSlug: 'bench', email: 'bench@fathom.test', name: 'bench' });
    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fathom.app!.request(path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await response.json()) as any;
    };
    standins.start();
    const startedAt = performance.now();
    const cpuAtStart = process.cpuUsage();
    const loopAtStart = performance.eventLoopUtilization();
    const created = await api('POST', '/v1/discovery_tasks', {
      query: 'warehouse robotics companies',
      desired_num_results: RESULTS,
      criteria: WAREHOUSE_CRITERIA,
    });
    let task = created;
    while (task.status !== 'done' && task.status !== 'failed') {
      await new Promise((resolve) => setTimeout(resolve, 250));
      task = await api('GET', `/v1/discovery_tasks/${created.id}`);
    }
    const wallMs = performance.now() - startedAt;
    const cpu = process.cpuUsage(cpuAtStart);
    const loop = performance.eventLoopUtilization(loopAtStart);
    const stats = await standins.stop();
    if (process.env.FATHOM_BENCH_TIMELINE)
      process.stderr.write(`model requests in flight per second: ${stats.inFlightPerSecond.map((value) => value.toFixed(1)).join(' ')}\n`);
    const evaluated = Math.max(1, task.num_results_evaluated);
    return {
      name: `Deep Search: ${RESULTS} results asked on ${COMPANIES} fixture companies (pages 15 ms, model 200 ms, model concurrency ${MODEL_CONCURRENCY}, ${JOB_CONCURRENCY} jobs, stand-ins ${isInline ? 'in the server process' : 'in their own process'})`,
      metrics: {
        status: task.status,
        results_evaluated: task.num_results_evaluated,
        results_high_fit: task.num_results,
        wall_seconds: Math.round(wallMs / 100) / 10,
        server_cpu_seconds: Math.round((cpu.user + cpu.system) / 100_000) / 10,
        // Share of the wall time the server's event loop was busy: near 100 %, the server's own
        // CPU work (fetching, parsing, SDK, SQLite) is what keeps the model slots waiting.
        server_event_loop_busy_percent: Math.round(loop.utilization * 1000) / 10,
        standins_cpu_seconds: stats.cpuSeconds === undefined ? -1 : Math.round(stats.cpuSeconds * 10) / 10,
        pages_fetched_per_result: Math.round((stats.pageRequests / evaluated) * 100) / 100,
        model_calls_per_result: Math.round((stats.modelCalls / evaluated) * 100) / 100,
        model_slots_in_use_sampled_percent: Math.round((stats.slotsInUse / MODEL_CONCURRENCY) * 1000) / 10,
        model_slot_utilisation_computed_percent: Math.round(((stats.modelCalls * MODEL_DELAY_MS) / (MODEL_CONCURRENCY * wallMs)) * 1000) / 10,
      },
      notes: `one run; load average at the end ${(await import('node:os'))
        .loadavg()
        .map((value) => value.toFixed(1))
        .join(' ')}`,
    };
  } finally {
    await fathom.close();
    await standins.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
