import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEEP_SEARCH_COMPANIES,
  startDeepResearchEnvironment,
  startDeepSearchEnvironment,
  WAREHOUSE_CRITERIA,
  type DeepResearchEnvironment,
  type DeepSearchEnvironment,
} from '../fixtures/fixture-web/deep-search/index.ts';
import { testBackends } from '../support/backends.ts';
import type { HttpClient } from '../support/http-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { waitFor } from '../support/wait-for.ts';

const astra = DEEP_SEARCH_COMPANIES.find((company) => company.slug === 'astrarobotics' && !company.isDead)!;

async function waitUntilEnded(client: HttpClient, path: string): Promise<any> {
  return waitFor(
    async () => {
      const current = (await client.get(path)).body;
      return current.status === 'done' || current.status === 'failed' ? current : undefined;
    },
    60_000,
    100,
  );
}

/**
 * The `budget` extension (issue 15 item 4). One job at a time, so what a budget stops is
 * predictable: the unbudgeted twin of each task runs in another workspace (its own caches and
 * profiles) and tells what the full task costs; the budgeted one must stop well short of it.
 */
describe.each(testBackends())('Task budgets on %s', (backend) => {
  let search: DeepSearchEnvironment;
  let research: DeepResearchEnvironment;
  let server: TestServer;
  let researchServer: TestServer;
  beforeAll(async () => {
    search = await startDeepSearchEnvironment({ environment: { FATHOM_JOB_CONCURRENCY: '1' } });
    server = await startTestServer(backend, { withWorkers: true, environment: search.environment, agentOverrides: search.agentOverrides });
    research = await startDeepResearchEnvironment();
    researchServer = await startTestServer(backend, {
      withWorkers: true,
      environment: { ...research.environment, FATHOM_JOB_CONCURRENCY: '1' },
      agentOverrides: research.agentOverrides,
    });
  });
  afterAll(async () => {
    await server?.close();
    await researchServer?.close();
    await search?.close();
    await research?.close();
  });

  it('a discovery task stops at its model-call budget and ends done with what it evaluated and the reason', async () => {
    const request = { query: 'warehouse robotics companies', desired_num_results: 6, criteria: WAREHOUSE_CRITERIA };
    const full = await waitUntilEnded(server.bob, `/v1/discovery_tasks/${(await server.bob.post('/v1/discovery_tasks', request)).body.id}`);
    expect(full).toMatchObject({ status: 'done', num_results_evaluated: 6, degradation_reasons: [], budget: null });
    const budget = Math.floor(full.usage.model_calls / 2);

    const created = await server.alice.post('/v1/discovery_tasks', { ...request, budget: { model_calls: budget } });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.budget).toEqual({ model_calls: budget, searches: null });
    const task = await waitUntilEnded(server.alice, `/v1/discovery_tasks/${created.body.id}`);
    expect(task.status, task.failure_reason).toBe('done');
    expect(task.is_exhausted).toBe(false);
    expect(task.degradation_reasons).toEqual([`budget reached: the limit of ${budget} model calls was used up, so no new work was started after it`]);
    expect(task.num_results_evaluated).toBeGreaterThan(0);
    expect(task.num_results_evaluated).toBeLessThan(6);
    // Overshoot: only the stage running when the limit was crossed (one job at a time here):
    // a search round's mining calls (one per result page, at most 10) or one company's grades.
    expect(task.usage.model_calls).toBeGreaterThanOrEqual(budget);
    expect(task.usage.model_calls).toBeLessThanOrEqual(budget + 10);
    expect(task.usage.model_calls).toBeLessThan(full.usage.model_calls);
    const { body } = await server.alice.get(`/v1/discovery_tasks/${task.id}/results`);
    expect(body.results).toHaveLength(task.num_results_evaluated);
    // Nothing is left queued: the task is over, and no job runs for it later.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await server.alice.get(`/v1/discovery_tasks/${task.id}`)).body.usage.model_calls).toBe(task.usage.model_calls);
  });

  it('a discovery task with a one-search budget sends one search', async () => {
    const created = await server.alice.post('/v1/discovery_tasks', { query: 'warehouse robotics', desired_num_results: 200, budget: { searches: 1 } });
    const task = await waitUntilEnded(server.alice, `/v1/discovery_tasks/${created.body.id}`);
    expect(task.status).toBe('done');
    expect(task.usage.searches).toBe(1);
    expect(task.degradation_reasons[0]).toContain('limit of 1 web searches');
  });

  it('a deep research task stops starting agents at its budget and writes its report from what it has', async () => {
    const brief = `Research ${astra.name} (${research.web.urlFor(astra.slug)}) for an account review.\n- What does ${astra.name} build?\n- Where is ${astra.name} headquartered?\n- When was ${astra.name} founded?`;
    const full = await waitUntilEnded(
      researchServer.bob,
      `/v1/deep_research_tasks/${(await researchServer.bob.post('/v1/deep_research_tasks', { brief })).body.id}`,
    );
    expect(full.status, full.failure_reason).toBe('done');
    expect(full.degradation_reasons).toEqual([]);
    // The planner's call plus one more: the first agent starts, the others do not.
    const created = await researchServer.alice.post('/v1/deep_research_tasks', { brief, budget: { model_calls: 2 } });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.budget).toEqual({ model_calls: 2, searches: null });
    const task = await waitUntilEnded(researchServer.alice, `/v1/deep_research_tasks/${created.body.id}`);
    expect(task.status, task.failure_reason).toBe('done');
    expect(task.report.kind).toBe('markdown');
    expect(task.report.sources.length).toBeGreaterThan(0);
    const notResearched = task.degradation_reasons.filter((reason: string) =>
      reason.includes('was not researched (budget reached: the limit of 2 model calls'),
    );
    expect(notResearched).toHaveLength(2);
    expect(task.usage.model_calls).toBeLessThan(full.usage.model_calls);
  });

  it('refuses a malformed budget with 422 and its location', async () => {
    const cases: [string, unknown, (string | number)[]][] = [
      ['/v1/discovery_tasks', { query: 'robots', budget: { model_calls: 0 } }, ['body', 'budget', 'model_calls']],
      ['/v1/discovery_tasks', { query: 'robots', budget: { dollars: 5 } }, ['body', 'budget']],
      ['/v1/discovery_tasks', { query: 'robots', budget: {} }, ['body', 'budget']],
      ['/v1/deep_research_tasks', { brief: 'Research Acme', budget: { searches: 1.5 } }, ['body', 'budget', 'searches']],
      ['/v1/deep_research_tasks', { brief: 'Research Acme', budget: 'cheap' }, ['body', 'budget']],
    ];
    for (const [path, body, loc] of cases) {
      const response = await server.alice.post(path, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(
        response.body.detail.map((item: any) => item.loc),
        JSON.stringify(response.body),
      ).toContainEqual(loc);
    }
  });
});
