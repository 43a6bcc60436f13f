import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEEP_SEARCH_COMPANIES,
  startDeepSearchEnvironment,
  WAREHOUSE_CRITERIA,
  type DeepSearchEnvironment,
} from '../fixtures/fixture-web/deep-search/index.ts';
import { testBackends } from '../support/backends.ts';
import type { HttpClient } from '../support/http-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { waitFor } from '../support/wait-for.ts';

const bySlug = new Map(DEEP_SEARCH_COMPANIES.map((company) => [`${company.slug}.test`, company]));

/** Poll a task until it ends, checking on every read that the counters only grow and stay ordered. */
async function watchTask(client: HttpClient, taskId: string, timeoutMs = 60_000): Promise<{ task: any; sawResultsWhileRunning: boolean }> {
  let previous = { discovered: 0, enriched: 0, evaluated: 0 };
  let sawResultsWhileRunning = false;
  const task = await waitFor(
    async () => {
      const current = (await client.get(`/v1/discovery_tasks/${taskId}`)).body;
      const counters = { discovered: current.num_results_discovered, enriched: current.num_results_enriched, evaluated: current.num_results_evaluated };
      expect(counters.evaluated).toBeLessThanOrEqual(counters.enriched);
      expect(counters.enriched).toBeLessThanOrEqual(counters.discovered);
      expect(current.num_results).toBeLessThanOrEqual(counters.evaluated);
      for (const key of ['discovered', 'enriched', 'evaluated'] as const) expect(counters[key]).toBeGreaterThanOrEqual(previous[key]);
      previous = counters;
      if (current.status === 'in_progress' && counters.evaluated > 0) {
        const partial = (await client.get(`/v1/discovery_tasks/${taskId}/results`)).body;
        if (partial.results.length > 0) sawResultsWhileRunning = true;
      }
      return current.status === 'done' || current.status === 'failed' ? current : undefined;
    },
    timeoutMs,
    100,
  );
  return { task, sawResultsWhileRunning };
}

describe.each(testBackends())('Discovery tasks on %s', (backend) => {
  let environment: DeepSearchEnvironment;
  let server: TestServer;
  beforeAll(async () => {
    environment = await startDeepSearchEnvironment();
    server = await startTestServer(backend, { withWorkers: true, environment: environment.environment, agentOverrides: environment.agentOverrides });
  });
  afterAll(async () => {
    await server?.close();
    await environment?.close();
  });

  it('finds, profiles and grades companies, honours exclusions, and ends done with results by relevance', async () => {
    const created = await server.alice.post('/v1/discovery_tasks', {
      query: 'warehouse robotics companies',
      desired_num_results: 8,
      criteria: WAREHOUSE_CRITERIA,
      exclude_domains: ['https://www.AstraRobotics.test/about', 'boltrobotics.test', 'boltrobotics.test'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({
      status: 'created',
      query: 'warehouse robotics companies',
      desired_num_results: 8,
      is_exhausted: false,
      num_results_discovered: 0,
      num_results: 0,
      criteria: WAREHOUSE_CRITERIA,
      exclude_domains: ['astrarobotics.test', 'boltrobotics.test'],
      auto_data_sources: true,
      table_id: null,
    });
    const { task } = await watchTask(server.alice, created.body.id);
    expect(task.status, task.failure_reason).toBe('done');
    expect(task.num_results_evaluated).toBe(8);
    expect(task.usage.searches).toBeGreaterThan(0);
    expect(task.usage.model_calls).toBeGreaterThan(0);
    const { body } = await server.alice.get(`/v1/discovery_tasks/${task.id}/results?limit=100`);
    expect(body.results).toHaveLength(8);
    const domains = body.results.map((result: any) => result.company_website);
    expect(new Set(domains).size).toBe(8);
    expect(domains).not.toContain('astrarobotics.test');
    expect(domains).not.toContain('boltrobotics.test');
    const relevances = body.results.map((result: any) => result.relevance);
    expect([...relevances].sort((left, right) => right - left)).toEqual(relevances);
    for (const result of body.results) {
      const company = bySlug.get(result.company_website)!;
      expect(company, result.company_website).toBeDefined();
      expect(company.isDead).toBe(false);
      expect(result.scores.warehouse_robots.grade).toBe(company.buildsWarehouseRobots ? 5 : 1);
      expect(result.scores.europe_hq.grade).toBe(company.isEurope ? 5 : 1);
      if (company.buildsWarehouseRobots) expect(result.scores.warehouse_robots.sources[0]).toContain(company.slug);
      expect(result.company_profile_id).toEqual(expect.any(String));
      expect(result.company_name).toBe(company.name);
    }
    const highFit = body.results.filter((result: any) => result.scores.warehouse_robots.grade >= 4 && result.scores.europe_hq.grade >= 4).length;
    expect(body.num_results).toBe(highFit);
  });
});
