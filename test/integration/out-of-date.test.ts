import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../fixtures/openai-compatible-server/index.ts';
import { testBackends } from '../support/backends.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { waitForIdle } from '../support/wait-for.ts';

const llmColumn = (key: string, prompt: string) => ({ kind: 'agent', name: key, key, value: { agent_type: 'llm', prompt, output_format: 'text' } });

/**
 * Out-of-date answers: kept and marked when a prompt or an input they were computed from changes,
 * counted in the table status, found by the filter, and re-run alone by `mode: "stale"`.
 */
describe.each(testBackends())('Out-of-date answers on %s', (backend) => {
  let llm: OpenAiCompatibleServer;
  let server: TestServer;

  beforeAll(async () => {
    llm = await startOpenAiCompatibleServer();
    server = await startTestServer(backend, {
      withWorkers: true,
      environment: { FATHOM_LLM_BASE_URL: llm.baseUrl, FATHOM_LLM_MODEL: 'test-model', FATHOM_POLL_INTERVAL_MS: '50' },
    });
  });
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  const chatCalls = () => llm.calls.filter((call) => call.path === '/v1/chat/completions').length;
  const cellsOf = async (tableId: string) => (await server.alice.get(`/v1/tables/${tableId}/data`)).body.rows.map((row: any) => row.data);

  it('marks answers out of date after a prompt edit and after an input edit, and re-runs only those', async () => {
    let version = 'v1';
    // The answer names its row, so no two prompts are the same (identical prompts are answered from the cache).
    llm.addRule({ reply: (request) => ({ answer: `answer ${version} ${/[abc]2?\.test/.exec(request.prompt)?.[0]}`, explanation: 'test', sources: [] }) });
    const table = (
      await server.alice.post('/v1/tables', {
        kind: 'generic',
        column_configs: [llmColumn('summary', 'Summarise {input}'), llmColumn('tier', 'Tier from {summary}'), llmColumn('other', 'Other view of {input}')],
      })
    ).body;
    const summary = table.columns.find((column: any) => column.config.key === 'summary');
    await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: ['a.test', 'b.test', 'c.test'].map((input) => ({ data: { input } })), run: true });
    await waitForIdle(server.alice, table.id);
    expect(chatCalls()).toBe(9);

    // The edit dialog's warning: the column and the one that reads it, three rows each.
    const newConfig = { ...summary.config, value: { ...summary.config.value, prompt: 'Summarise {input} in five words' } };
    const preview = await server.alice.post(`/v1/tables/${table.id}/columns/${summary.id}/change-preview`, newConfig);
    expect(preview.body).toEqual({ num_cells_out_of_date: 6, column_keys: ['summary', 'tier'] });
    const renameOnly = await server.alice.post(`/v1/tables/${table.id}/columns/${summary.id}/change-preview`, { ...summary.config, name: 'Short summary' });
    expect(renameOnly.body.num_cells_out_of_date).toBe(0);

    expect((await server.alice.patch(`/v1/tables/${table.id}/columns/${summary.id}`, newConfig)).status).toBe(200);
    let cells = await cellsOf(table.id);
    for (const row of cells) {
      expect(row.summary).toMatchObject({ status: 'done', value: { answer: expect.stringContaining('answer v1') }, out_of_date: 'config' });
      expect(row.tier).toMatchObject({ status: 'done', out_of_date: 'config' });
      expect(row.other.out_of_date).toBeUndefined();
    }
    expect((await server.alice.get(`/v1/tables/${table.id}`)).body.status).toMatchObject({ num_cells_out_of_date: 6, num_cells_completed: 9 });
    // `new` leaves answers whose column changed alone (contract §2.4.2: values are kept).
    expect((await server.alice.post(`/v1/tables/${table.id}/run`, { mode: 'new' })).body.num_requested_cells).toBe(0);

    version = 'v2';
    const stale = await server.alice.post(`/v1/tables/${table.id}/run`, { mode: 'stale' });
    expect(stale.body).toMatchObject({ mode: 'stale', num_requested_cells: 6 });
    await waitForIdle(server.alice, table.id);
    expect(chatCalls()).toBe(15);
    cells = await cellsOf(table.id);
    for (const row of cells) {
      expect(row.summary).toMatchObject({ value: { answer: expect.stringContaining('answer v2') } });
      expect(row.summary.out_of_date).toBeUndefined();
      expect(row.tier.out_of_date).toBeUndefined();
      expect(row.other).toMatchObject({ value: { answer: expect.stringContaining('answer v1') } });
    }
    expect((await server.alice.get(`/v1/tables/${table.id}`)).body.status.num_cells_out_of_date).toBe(0);

    // An input edit: every computed cell of that row reads it, directly or through summary.
    const firstRowId = (await server.alice.get(`/v1/tables/${table.id}/data?limit=1`)).body.rows[0].id;
    await server.alice.patch(`/v1/tables/${table.id}/rows`, { rows: [{ id: firstRowId, data: { input: 'a2.test' } }] });
    const outOfDate = await server.alice.get(`/v1/tables/${table.id}/data?${new URLSearchParams({ filter: JSON.stringify([{ status: 'out_of_date' }]) })}`);
    expect(outOfDate.body.rows.map((row: any) => row.id)).toEqual([firstRowId]);
    expect(outOfDate.body.rows[0].data.other).toMatchObject({ value: { answer: expect.stringContaining('answer v1') }, out_of_date: 'inputs' });
    expect(outOfDate.body.status.num_cells_out_of_date).toBe(3);

    version = 'v3';
    const rerun = await server.alice.post(`/v1/tables/${table.id}/run`, { mode: 'stale' });
    expect(rerun.body.num_requested_cells).toBe(3);
    await waitForIdle(server.alice, table.id);
    expect(chatCalls()).toBe(18);
    cells = await cellsOf(table.id);
    expect(cells[0].other).toMatchObject({ value: { answer: expect.stringContaining('answer v3') } });
    expect(cells[1].other).toMatchObject({ value: { answer: expect.stringContaining('answer v1') } });
    expect(cells[1].summary).toMatchObject({ value: { answer: expect.stringContaining('answer v2') } });
  });

  it('mode "new" recomputes answers whose inputs changed (contract §2.3.2)', async () => {
    llm.addRule({ reply: { answer: 'fresh', explanation: 'test', sources: [] } });
    const table = (await server.alice.post('/v1/tables', { kind: 'generic', column_configs: [llmColumn('summary', 'Summarise {input}')] })).body;
    const [row] = (await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'x.test' } }, { data: { input: 'y.test' } }], run: true }))
      .body;
    await waitForIdle(server.alice, table.id);
    await server.alice.patch(`/v1/tables/${table.id}/rows`, { rows: [{ id: row.id, data: { input: 'x2.test' } }] });
    expect((await server.alice.post(`/v1/tables/${table.id}/run`, { mode: 'new' })).body.num_requested_cells).toBe(1);
    await waitForIdle(server.alice, table.id);
    expect((await server.alice.get(`/v1/tables/${table.id}`)).body.status.num_cells_out_of_date).toBe(0);
  });
});
