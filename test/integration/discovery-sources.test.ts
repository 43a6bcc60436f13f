import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDeepSearchFixture,
  startDeepSearchEnvironment,
  WAREHOUSE_CRITERIA,
  type DeepSearchEnvironment,
} from '../fixtures/fixture-web/deep-search/index.ts';
import { testBackends } from '../support/backends.ts';
import type { HttpClient } from '../support/http-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { waitFor } from '../support/wait-for.ts';

async function waitUntilEnded(client: HttpClient, taskId: string): Promise<any> {
  return waitFor(
    async () => {
      const current = (await client.get(`/v1/discovery_tasks/${taskId}`)).body;
      return current.status === 'done' || current.status === 'failed' ? current : undefined;
    },
    60_000,
    100,
  );
}

/**
 * The workspace's company index as a candidate source (`extruct_db`). Quietlift has a site on
 * the fixture web but is named on no list page and is not in the search stand-in's corpus: only
 * the index (where alice imported it) can bring it into a task.
 */
describe.each(testBackends())('Discovery candidate sources and drafted criteria on %s', (backend) => {
  let environment: DeepSearchEnvironment;
  let server: TestServer;
  beforeAll(async () => {
    const fixture = createDeepSearchFixture();
    fixture.sites.push({
      name: 'quietlift',
      robotsTxt: 'User-agent: *\nAllow: /\n',
      pages: [
        {
          path: '/',
          body: '<!doctype html><html lang="en"><head><title>Quietlift Systems</title></head><body><main><h1>Quietlift Systems</h1><p>Quietlift Systems builds autonomous robots for warehouses: silent lifts that move pallets.</p><p>The company is headquartered in Lyon, France.</p></main></body></html>',
        },
      ],
    });
    environment = await startDeepSearchEnvironment({ fixture, draftsCriteria: true });
    server = await startTestServer(backend, { withWorkers: true, environment: environment.environment, agentOverrides: environment.agentOverrides });
    // Into alice's index through an on-demand lookup of its site (a profile built from the page,
    // whose website keeps the fixture web's port; an import would give it https://quietlift.test/).
    const looked = await server.alice.get(`/v1/companies/${encodeURIComponent(environment.web.urlFor('quietlift'))}`);
    expect(looked.status, JSON.stringify(looked.body)).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    await environment?.close();
  });

  it('finds and grades a company that only the workspace index knows, beside web results', async () => {
    const created = await server.alice.post('/v1/discovery_tasks', { query: 'warehouse robotics', desired_num_results: 4, criteria: WAREHOUSE_CRITERIA });
    expect(created.body.data_sources).toEqual(['web_search', 'extruct_db']);
    const task = await waitUntilEnded(server.alice, created.body.id);
    expect(task.status, task.failure_reason).toBe('done');
    expect(task.num_results_evaluated).toBe(4);
    const { results } = (await server.alice.get(`/v1/discovery_tasks/${task.id}/results`)).body;
    const quietlift = results.find((result: any) => result.company_website === 'quietlift.test');
    expect(quietlift, JSON.stringify(results.map((result: any) => result.company_website))).toMatchObject({
      source: 'extruct_db',
      company_name: 'Quietlift Systems',
      scores: { warehouse_robots: { grade: 5 }, europe_hq: { grade: 5 } },
    });
    expect(results.filter((result: any) => result.source === 'web_search').length).toBe(3);
  });

  it('maps the extruct_db data source to the index: such a task is not exhausted at once, and honours exclusions', async () => {
    const created = await server.alice.post('/v1/discovery_tasks', {
      query: 'warehouse robotics',
      desired_num_results: 5,
      auto_data_sources: false,
      data_sources: ['extruct_db'],
    });
    const task = await waitUntilEnded(server.alice, created.body.id);
    expect(task).toMatchObject({ status: 'done', is_exhausted: true });
    expect(task.usage.searches).toBe(0);
    // The index holds Quietlift and what the first task profiled: every one of them came from it.
    const { results } = (await server.alice.get(`/v1/discovery_tasks/${task.id}/results`)).body;
    expect(results.map((result: any) => result.company_website)).toContain('quietlift.test');
    expect(results.every((result: any) => result.source === 'extruct_db')).toBe(true);
    expect(task.num_results_evaluated).toBe(results.length);

    const excluded = await server.alice.post('/v1/discovery_tasks', {
      query: 'warehouse robotics',
      desired_num_results: 5,
      auto_data_sources: false,
      data_sources: ['extruct_db'],
      exclude_domains: ['https://www.quietlift.test/about'],
    });
    expect(await waitUntilEnded(server.alice, excluded.body.id)).toMatchObject({ status: 'done', is_exhausted: true });
    const left = (await server.alice.get(`/v1/discovery_tasks/${excluded.body.id}/results`)).body.results;
    expect(left.map((result: any) => result.company_website)).not.toContain('quietlift.test');
    expect(left.length).toBe(results.length - 1);

    // Another workspace's index is not searched.
    const other = await server.bob.post('/v1/discovery_tasks', {
      query: 'warehouse robotics',
      desired_num_results: 5,
      auto_data_sources: false,
      data_sources: ['extruct_db'],
    });
    expect(await waitUntilEnded(server.bob, other.body.id)).toMatchObject({ status: 'done', is_exhausted: true, num_results_discovered: 0 });
  });

  it('drafts criteria from the query in the discover stage, not at creation, and grades on them', async () => {
    const created = await server.alice.post('/v1/discovery_tasks', { query: 'warehouse robotics companies in Europe', desired_num_results: 4 });
    expect(created.status).toBe(200);
    // Creation answers without a model call: the placeholder restating the query.
    expect(created.body.criteria.map((criterion: any) => criterion.key)).toEqual(['matches_query']);
    const task = await waitUntilEnded(server.alice, created.body.id);
    expect(task.status, task.failure_reason).toBe('done');
    // The draft with a broken key was dropped; the stored criteria are visible in GET.
    expect(task.criteria).toEqual([
      { key: 'warehouse_robots', name: 'Warehouse robots', criterion: 'The company builds robots for warehouses' },
      { key: 'europe_hq', name: 'European headquarters', criterion: 'The company is headquartered in Europe' },
    ]);
    const { results } = (await server.alice.get(`/v1/discovery_tasks/${task.id}/results`)).body;
    expect(results).toHaveLength(4);
    for (const result of results) expect(Object.keys(result.scores).sort()).toEqual(['europe_hq', 'warehouse_robots']);
    const quietlift = results.find((result: any) => result.company_website === 'quietlift.test');
    if (quietlift) expect(quietlift.scores).toMatchObject({ warehouse_robots: { grade: 5 }, europe_hq: { grade: 5 } });
  });

  it('keeps the criterion restating the query when the draft has fewer than two usable criteria', async () => {
    const created = await server.alice.post('/v1/discovery_tasks', {
      query: 'freight software',
      desired_num_results: 1,
      auto_data_sources: false,
      data_sources: ['maps'],
    });
    const task = await waitUntilEnded(server.alice, created.body.id);
    expect(task.status).toBe('done');
    expect(task.usage.model_calls).toBe(1);
    expect(task.criteria.map((criterion: any) => criterion.key)).toEqual(['matches_query']);
  });
});
