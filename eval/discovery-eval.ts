import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { createFathom } from '../src/main.ts';
import { createApiToken } from '../src/services/api-tokens.ts';
import { DEEP_SEARCH_COMPANIES, matchingCompanies, startDeepSearchEnvironment, WAREHOUSE_CRITERIA } from '../test/fixtures/fixture-web/deep-search/index.ts';

export interface DiscoveryEvalReport {
  status: string;
  isExhausted: boolean;
  evaluated: number;
  highFit: number;
  /** High-fit results whose criteria truly hold (ground truth), over all high-fit results. */
  precision: number;
  /** Truly matching companies returned high-fit, over every truly matching company on the fixture web. */
  recall: number;
  /** Results whose grades agree with the ground truth on every criterion. */
  gradeAccuracy: number;
  /** Results that are dead sites or excluded domains (must be 0). */
  impossibleResults: number;
  seconds: number;
  usage: { model_calls: number; searches: number; page_fetches: number };
}

/**
 * A Deep Search on the fixture web ("warehouse robotics companies", both criteria), asked for the
 * 250-result cap so it runs until its sources are exhausted, scored against the fixture's ground
 * truth. The model is the scripted stand-in (it grades only from what the fetched pages say).
 */
export async function runDiscoveryEval(): Promise<DiscoveryEvalReport> {
  const startedAt = performance.now();
  const environment = await startDeepSearchEnvironment({ environment: { FATHOM_FETCH_TIMEOUT_MS: '5000' } });
  const directory = mkdtempSync(join(tmpdir(), 'fathom-discovery-eval-'));
  const config = loadConfig({
    PORT: '0',
    FATHOM_LOG_LEVEL: 'silent',
    DATABASE_URL: '',
    FATHOM_DB_PATH: join(directory, 'fathom.db'),
    ...environment.environment,
  });
  const fathom = await createFathom({ config, logger: pino({ level: 'silent' }), withWorkers: true, agentOverrides: environment.agentOverrides });
  try {
    const { token } = await createApiToken(fathom.services, { workspaceSlug: 'eval', email: 'eval@fathom.test', name: 'eval' });
    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fathom.app!.request(path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await response.json()) as any;
    };
    const created = await api('POST', '/v1/discovery_tasks', { query: 'warehouse robotics companies', desired_num_results: 250, criteria: WAREHOUSE_CRITERIA });
    let task = created;
    const deadline = Date.now() + 600_000;
    while (task.status !== 'done' && task.status !== 'failed') {
      if (Date.now() > deadline) throw new Error('the discovery eval task did not end within 10 minutes');
      await new Promise((resolve) => setTimeout(resolve, 200));
      task = await api('GET', `/v1/discovery_tasks/${created.id}`);
    }
    const results: any[] = (await api('GET', `/v1/discovery_tasks/${created.id}/results?limit=500`)).results;
    const truth = new Map(DEEP_SEARCH_COMPANIES.map((company) => [`${company.slug}.test`, company]));
    const isHighFit = (result: any) =>
      WAREHOUSE_CRITERIA.filter((criterion) => result.scores[criterion.key]?.grade >= 4).length / WAREHOUSE_CRITERIA.length >= 0.75;
    const highFit = results.filter(isHighFit);
    const trulyMatching = (result: any) => {
      const company = truth.get(result.company_website);
      return Boolean(company?.buildsWarehouseRobots && company.isEurope && !company.isDead);
    };
    const correctGrades = results.filter((result) => {
      const company = truth.get(result.company_website);
      if (!company) return false;
      return result.scores.warehouse_robots.grade >= 4 === company.buildsWarehouseRobots && result.scores.europe_hq.grade >= 4 === company.isEurope;
    });
    const matching = matchingCompanies();
    return {
      status: task.status,
      isExhausted: task.is_exhausted,
      evaluated: task.num_results_evaluated,
      highFit: task.num_results,
      precision: highFit.length === 0 ? 0 : highFit.filter(trulyMatching).length / highFit.length,
      recall: highFit.filter(trulyMatching).length / matching.length,
      gradeAccuracy: results.length === 0 ? 0 : correctGrades.length / results.length,
      impossibleResults: results.filter((result) => !truth.get(result.company_website) || truth.get(result.company_website)!.isDead).length,
      seconds: Math.round((performance.now() - startedAt) / 100) / 10,
      usage: task.usage,
    };
  } finally {
    await fathom.close();
    await environment.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

export function formatDiscoveryEvalReport(report: DiscoveryEvalReport): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
  return [
    'Deep Search (discovery) on the fixture web: "warehouse robotics companies", 2 criteria, 250 asked (runs until exhausted)',
    `  status ${report.status}, exhausted ${report.isExhausted}, evaluated ${report.evaluated}, high-fit ${report.highFit}, ${report.seconds} s`,
    `  precision ${percent(report.precision)}  recall ${percent(report.recall)}  grade accuracy ${percent(report.gradeAccuracy)}  dead/unknown results ${report.impossibleResults}`,
    `  usage: ${report.usage.model_calls} model calls, ${report.usage.searches} searches, ${report.usage.page_fetches} page fetches (discovery rounds)`,
  ].join('\n');
}
