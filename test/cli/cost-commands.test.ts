import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFathom } from '../support/spawn-fathom.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** `tables run --dry-run|--max-cells` and `fathom usage`, as subprocesses against a server without workers. */
describe('fathom cost commands (subprocesses)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server.close());

  const fathom = (args: string[]) => runFathom(args, { FATHOM_BASE_URL: server.baseUrl, FATHOM_API_TOKEN: server.tokens.alice, EXTRUCT_API_TOKEN: '' });

  it('tables run --dry-run prints the estimate and queues nothing; --max-cells caps the run; usage prints the totals', async () => {
    const table = (
      await server.alice.post('/v1/tables', {
        kind: 'generic',
        column_configs: [{ kind: 'agent', name: 'Summary', key: 'summary', value: { agent_type: 'llm', prompt: 'Summarise {input}' } }],
      })
    ).body;
    await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'a' } }, { data: { input: 'b' } }] });

    const dry = await fathom(['tables', 'run', table.id, '--dry-run']);
    expect(dry.code).toBe(0);
    const estimate = JSON.parse(dry.stdout);
    expect(estimate).toMatchObject({ dry_run: true, num_requested_cells: 2 });
    expect(estimate.columns[0]).toMatchObject({ key: 'summary', cells: 2, basis: 'prompt_size' });
    expect(dry.stderr).toContain('dry run: 2 cells');
    expect(dry.stderr).toContain('nothing was queued');
    expect((await server.alice.get(`/v1/tables/${table.id}/runs`)).body).toHaveLength(0);

    const capped = await fathom(['tables', 'run', table.id, '--max-cells', '1']);
    expect(capped.code).toBe(0);
    expect(JSON.parse(capped.stdout)).toMatchObject({ max_cells: 1, num_requested_cells: 2 });

    const usage = await fathom(['usage', table.id, '--group-by', 'model']);
    expect(usage.code).toBe(0);
    expect(JSON.parse(usage.stdout)).toMatchObject({ group_by: 'model', currency: 'USD', total: { cells: 0, cost: 0 } });
    const bad = await fathom(['usage', table.id, '--group-by', 'week']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--group-by must be one of run, column, model, day');
  });
});
