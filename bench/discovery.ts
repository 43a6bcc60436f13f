import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
 * fetched and model calls per result, and how much of the time the 20 model slots were in use
 * (model calls × 200 ms over 20 × wall time; target ≥ 80 %).
 */
const COMPANIES = Number(process.env.FATHOM_BENCH_DISCOVERY_COMPANIES ?? 300);
const RESULTS = Number(process.env.FATHOM_BENCH_DISCOVERY_RESULTS ?? 250);
const MODEL_DELAY_MS = 200;
const MODEL_CONCURRENCY = 20;

export async function run(): Promise<BenchResult> {
  let modelCalls = 0;
  const environment = await startDeepSearchEnvironment({
    fixture: createDeepSearchFixture({ companies: deepSearchCompanies(COMPANIES), pageDelayMs: 15 }),
    modelDelayMs: MODEL_DELAY_MS,
    onModelCall: () => {
      modelCalls += 1;
    },
    environment: {
      FATHOM_LLM_CONCURRENCY: String(MODEL_CONCURRENCY),
      FATHOM_JOB_CONCURRENCY: '40',
      FATHOM_FETCH_TIMEOUT_MS: '15000',
      FATHOM_LLM_TIMEOUT_MS: '60000',
    },
  });
  const directory = mkdtempSync(join(tmpdir(), 'fathom-discovery-bench-'));
  const config = loadConfig({
    PORT: '0',
    FATHOM_LOG_LEVEL: 'silent',
    DATABASE_URL: '',
    FATHOM_DB_PATH: join(directory, 'fathom.db'),
    ...environment.environment,
  });
  const fathom = await createFathom({ config, logger: pino({ level: 'silent' }), withWorkers: true, agentOverrides: environment.agentOverrides });
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
    environment.web.resetRequestLog();
    const startedAt = performance.now();
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
    const pageRequests = environment.web.requestLog.filter((request) => !request.path.startsWith('/robots.txt')).length;
    const evaluated = Math.max(1, task.num_results_evaluated);
    return {
      name: `Deep Search: ${RESULTS} results asked on ${COMPANIES} fixture companies (pages 15 ms, model 200 ms, model concurrency ${MODEL_CONCURRENCY})`,
      metrics: {
        status: task.status,
        results_evaluated: task.num_results_evaluated,
        results_high_fit: task.num_results,
        wall_seconds: Math.round(wallMs / 100) / 10,
        pages_fetched_per_result: Math.round((pageRequests / evaluated) * 100) / 100,
        model_calls_per_result: Math.round((modelCalls / evaluated) * 100) / 100,
        model_slot_utilisation_percent: Math.round(((modelCalls * MODEL_DELAY_MS) / (MODEL_CONCURRENCY * wallMs)) * 1000) / 10,
      },
      notes: 'one run; utilisation counts each model call as its 200 ms stand-in delay',
    };
  } finally {
    await fathom.close();
    await environment.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
