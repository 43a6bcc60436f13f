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
import { waitFor, waitForIdle } from '../support/wait-for.ts';

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

  it('resume adds only new companies, and pause lets what is queued drain before the task ends', async () => {
    const created = (
      await server.alice.post('/v1/discovery_tasks', { query: 'warehouse robotics companies', desired_num_results: 4, criteria: WAREHOUSE_CRITERIA })
    ).body;
    const first = await watchTask(server.alice, created.id);
    expect(first.task).toMatchObject({ status: 'done', num_results_evaluated: 4 });
    const before = (await server.alice.get(`/v1/discovery_tasks/${created.id}/results`)).body.results;
    const resumed = await server.alice.post(`/v1/discovery_tasks/${created.id}/resume`, { desired_new_results: 3 });
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ status: 'in_progress', desired_num_results: 7 });
    const second = await watchTask(server.alice, created.id);
    expect(second.task).toMatchObject({ status: 'done', num_results_evaluated: 7 });
    const after = (await server.alice.get(`/v1/discovery_tasks/${created.id}/results?limit=100`)).body.results;
    expect(after).toHaveLength(7);
    expect(new Set(after.map((result: any) => result.company_website)).size).toBe(7);
    // The first four are kept as they were: nothing was evaluated again.
    for (const old of before) expect(after.find((result: any) => result.id === old.id)).toEqual(old);

    const paused = (
      await server.alice.post('/v1/discovery_tasks', { query: 'warehouse robotics companies', desired_num_results: 40, criteria: WAREHOUSE_CRITERIA })
    ).body;
    const pauseAnswer = await server.alice.post(`/v1/discovery_tasks/${paused.id}/pause`);
    expect(pauseAnswer.status).toBe(200);
    expect(pauseAnswer.body.is_paused).toBe(true);
    const ended = await watchTask(server.alice, paused.id);
    expect(ended.task.status).toBe('done');
    expect(ended.task.num_results_evaluated).toBeLessThan(40);
  });

  it('exhausts a task whose sources have nothing and refuses to resume it with 400', async () => {
    const created = (
      await server.alice.post('/v1/discovery_tasks', { query: 'warehouse robotics', desired_num_results: 5, auto_data_sources: false, data_sources: ['maps'] })
    ).body;
    expect(created.criteria).toEqual([{ key: 'matches_query', name: 'Matches the query', criterion: 'The company fits this description: warehouse robotics' }]);
    const { task } = await watchTask(server.alice, created.id);
    expect(task).toMatchObject({ status: 'done', is_exhausted: true, num_results_discovered: 0 });
    const resumed = await server.alice.post(`/v1/discovery_tasks/${created.id}/resume`, {});
    expect(resumed.status).toBe(400);
    expect(resumed.body.detail).toContain('exhausted');
  });

  it('answers every error of the contract: 401, 404 (also across workspaces) and 422', async () => {
    const valid = { query: 'warehouse robotics companies', desired_num_results: 1, auto_data_sources: false, data_sources: ['maps'] };
    expect((await server.anonymous.post('/v1/discovery_tasks', valid)).status).toBe(401);
    expect((await server.anonymous.get('/v1/discovery_tasks')).status).toBe(401);
    const created = (await server.alice.post('/v1/discovery_tasks', valid)).body;
    for (const path of [`/v1/discovery_tasks/${created.id}`, `/v1/discovery_tasks/${created.id}/results`]) {
      expect((await server.bob.get(path)).status).toBe(404);
      expect((await server.alice.get(path.replace(created.id, 'no-such-task'))).status).toBe(404);
    }
    expect((await server.bob.post(`/v1/discovery_tasks/${created.id}/resume`, {})).status).toBe(404);
    expect((await server.bob.post(`/v1/discovery_tasks/${created.id}/pause`)).status).toBe(404);
    expect((await server.bob.get('/v1/discovery_tasks')).body.map((task: any) => task.id)).not.toContain(created.id);
    expect((await server.alice.get('/v1/discovery_tasks?limit=50')).body.map((task: any) => task.id)).toContain(created.id);

    const invalid: [unknown, (string | number)[]][] = [
      [{ ...valid, desired_num_results: 0 }, ['body', 'desired_num_results']],
      [{ ...valid, desired_num_results: 251 }, ['body', 'desired_num_results']],
      [{ desired_num_results: 5 }, ['body', 'query']],
      [{ ...valid, criteria: [{ key: '1bad', name: 'x', criterion: 'long enough criterion' }] }, ['body', 'criteria', 0, 'key']],
      [{ ...valid, criteria: [{ key: 'ok', name: 'x', criterion: 'short' }] }, ['body', 'criteria', 0, 'criterion']],
      [{ ...valid, exclude_domains: ['acme.test', 'not a domain'] }, ['body', 'exclude_domains', 1]],
      [{ ...valid, exclude_domains: Array.from({ length: 1_001 }, (_, index) => `company${index}.com`) }, ['body', 'exclude_domains']],
      [{ ...valid, exclude_task_ids: ['no-such-task'] }, ['body', 'exclude_task_ids', 0]],
      [{ ...valid, auto_data_sources: false, data_sources: [] }, ['body', 'data_sources']],
      [{ ...valid, table: { id: 'no-such-table' } }, null as never],
    ];
    for (const [body, loc] of invalid) {
      const answer = await server.alice.post('/v1/discovery_tasks', body);
      if (loc === null) {
        expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(404);
        continue;
      }
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(answer.body.detail.map((issue: any) => issue.loc)).toContainEqual(loc);
    }
    const running = (await server.alice.post('/v1/discovery_tasks', { ...valid, desired_num_results: 3, auto_data_sources: true })).body;
    const refused = await server.alice.post('/v1/discovery_tasks', { ...valid, exclude_task_ids: [running.id] });
    if ((await server.alice.get(`/v1/discovery_tasks/${running.id}`)).body.status !== 'done') expect(refused.status).toBe(422);
    expect((await server.alice.post(`/v1/discovery_tasks/${created.id}/resume`, { desired_new_results: 251 })).status).toBe(422);
    expect((await server.alice.post(`/v1/discovery_tasks/${created.id}/resume`, { desired_new_results: -1 })).status).toBe(422);
  });

  it('adds the results of done tasks named in exclude_task_ids to the exclusions', async () => {
    const first = (
      await server.alice.post('/v1/discovery_tasks', { query: 'warehouse robotics companies', desired_num_results: 3, criteria: WAREHOUSE_CRITERIA })
    ).body;
    await watchTask(server.alice, first.id);
    const domains = (await server.alice.get(`/v1/discovery_tasks/${first.id}/results`)).body.results.map((result: any) => result.company_website);
    const second = (
      await server.alice.post('/v1/discovery_tasks', {
        query: 'warehouse robotics companies',
        desired_num_results: 3,
        criteria: WAREHOUSE_CRITERIA,
        exclude_task_ids: [first.id],
      })
    ).body;
    expect(second.exclude_domains).toEqual([...domains].sort());
    await watchTask(server.alice, second.id);
    const again = (await server.alice.get(`/v1/discovery_tasks/${second.id}/results`)).body.results.map((result: any) => result.company_website);
    expect(again).toHaveLength(3);
    for (const domain of again) expect(domains).not.toContain(domain);
  });

  it('imports each evaluated company into the linked table once, with its scores in the row metadata', async () => {
    const table = (await server.alice.post('/v1/tables', { kind: 'company', name: 'Robots' })).body;
    const created = (
      await server.alice.post('/v1/discovery_tasks', {
        query: 'warehouse robotics companies',
        desired_num_results: 5,
        criteria: WAREHOUSE_CRITERIA,
        table: { id: table.id, auto_import: true },
      })
    ).body;
    expect(created.table_id).toBe(table.id);
    const { task } = await watchTask(server.alice, created.id);
    expect(task.status).toBe('done');
    const results = (await server.alice.get(`/v1/discovery_tasks/${created.id}/results`)).body.results;
    const data = await waitForIdle(server.alice, table.id, 30_000);
    expect(data.rows).toHaveLength(5);
    const inputs = data.rows.map((row: any) => new URL(row.data.input.value).hostname);
    expect(new Set(inputs)).toEqual(new Set(results.map((result: any) => result.company_website)));
    for (const row of data.rows) {
      const result = results.find((item: any) => item.id === row.metadata.discovery_result_id);
      expect(row.metadata).toMatchObject({ discovery_task_id: created.id, discovery_scores: result.scores });
      // The discovery_scores column (§3.10) was added on the first import and holds the same scores.
      expect(row.data.discovery_scores.status).toBe('done');
      expect(row.data.discovery_scores.value.answer).toEqual(result.scores);
    }
    const columns = (await server.alice.get(`/v1/tables/${table.id}`)).body.column_configs ?? (await server.alice.get(`/v1/tables/${table.id}/columns`)).body;
    expect(columns.filter((column: any) => (column.kind ?? column.config?.kind) === 'discovery_scores')).toHaveLength(1);
    const people = (await server.alice.post('/v1/tables', { kind: 'people', name: 'People' })).body;
    const refused = await server.alice.post('/v1/discovery_tasks', { query: 'warehouse robotics', table: { id: people.id, auto_import: true } });
    expect(refused.status).toBe(422);
  });
});
