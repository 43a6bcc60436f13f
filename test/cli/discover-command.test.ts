import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeepSearchEnvironment, type DeepSearchEnvironment } from '../fixtures/fixture-web/deep-search/index.ts';
import { runFathom } from '../support/spawn-fathom.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** `fathom discover` as a user runs it, against a server whose Deep Search reads the fixture web. */
describe('fathom discover (subprocess, SQLite server)', () => {
  let environment: DeepSearchEnvironment;
  let server: TestServer;
  beforeAll(async () => {
    environment = await startDeepSearchEnvironment();
    server = await startTestServer('sqlite', { withWorkers: true, environment: environment.environment, agentOverrides: environment.agentOverrides });
  });
  afterAll(async () => {
    await server?.close();
    await environment?.close();
  });
  const fathom = (args: string[]) => runFathom(args, { FATHOM_BASE_URL: server.baseUrl, FATHOM_API_TOKEN: server.tokens.alice, EXTRUCT_API_TOKEN: '' });

  it('starts a task, reports the counters while it runs, and prints the graded results', async () => {
    const table = (await server.alice.post('/v1/tables', { kind: 'company', name: 'Found' })).body;
    const result = await fathom([
      'discover',
      'warehouse robotics companies',
      '--results',
      '3',
      '--criterion',
      'warehouse_robots=The company builds robots for warehouses',
      '--exclude',
      'astrarobotics.test',
      '--into',
      table.id,
      '--poll-seconds',
      '1',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/discovered \d+ · enriched \d+ · evaluated 3\/3 · high-fit \d+/);
    const { task, results } = JSON.parse(result.stdout);
    expect(task).toMatchObject({ status: 'done', num_results_evaluated: 3, table_id: table.id, exclude_domains: ['astrarobotics.test'] });
    expect(results).toHaveLength(3);
    for (const item of results) expect(item.scores.warehouse_robots.grade).toBeGreaterThanOrEqual(1);
    expect((await server.alice.get(`/v1/tables/${table.id}/data`)).body.rows).toHaveLength(3);

    const wrong = await fathom(['discover', 'robots', '--results', '300', '--no-wait']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('desired_num_results');
  });
});
