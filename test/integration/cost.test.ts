import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAiCompatibleServer, type ChatRequest, type OpenAiCompatibleServer } from '../fixtures/openai-compatible-server/index.ts';
import { testBackends } from '../support/backends.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { waitFor, waitForIdle } from '../support/wait-for.ts';

// Dollars per million tokens: round figures, so a cell's cost is easy to check by hand.
const PRICES = JSON.stringify({
  models: {
    'test-model': { input_per_million: 10, output_per_million: 20 },
    'cheap-model': { input_per_million: 1, output_per_million: 2 },
    'strong-model': { input_per_million: 100, output_per_million: 200 },
  },
});

const llmColumn = (key: string, prompt: string, extra: Record<string, unknown> = {}) => ({
  kind: 'agent',
  name: key,
  key,
  value: { agent_type: 'llm', prompt, output_format: 'text', ...extra },
});

/** Usage that varies by row: the row's number (in its input, "row-7") sets the prompt tokens. */
function answerWithRowUsage(request: ChatRequest) {
  const row = Number(/row-(\d+)/.exec(request.prompt)?.[1] ?? 0);
  return { content: { answer: `answer ${row}`, explanation: 'from the row', sources: [] }, usage: { promptTokens: 1_000 + 100 * row, completionTokens: 50 } };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe.each(testBackends())('Cost: estimates, caps, usage and per-column models on %s', (backend) => {
  let llm: OpenAiCompatibleServer;
  let server: TestServer;

  beforeAll(async () => {
    llm = await startOpenAiCompatibleServer();
    server = await startTestServer(backend, {
      withWorkers: true,
      environment: {
        FATHOM_LLM_BASE_URL: llm.baseUrl,
        FATHOM_LLM_MODEL: 'test-model',
        FATHOM_LLM_MODELS: 'cheap-model,strong-model',
        FATHOM_PRICES: PRICES,
        FATHOM_POLL_INTERVAL_MS: '50',
        FATHOM_LLM_CONCURRENCY: '2',
        FATHOM_WORKER_CONCURRENCY: '2',
        FATHOM_CLAIM_BATCH_SIZE: '2',
      },
    });
  });
  beforeEach(() => {
    llm.reset();
    llm.setHandler(answerWithRowUsage);
  });
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  const createTable = async (columns: unknown[]) => (await server.alice.post('/v1/tables', { kind: 'generic', column_configs: columns })).body;
  const addRows = async (tableId: string, count: number, from = 1) =>
    (await server.alice.post(`/v1/tables/${tableId}/rows`, { rows: Array.from({ length: count }, (_, index) => ({ data: { input: `row-${from + index}` } })) }))
      .body;
  const run = async (tableId: string, body: Record<string, unknown> = {}) => (await server.alice.post(`/v1/tables/${tableId}/run`, body)).body;
  const waitForRunEnd = (tableId: string, runId: string) =>
    waitFor(async () => {
      const current = (await server.alice.get(`/v1/tables/${tableId}/runs/${runId}`)).body;
      return current.ended_at ? current : undefined;
    });
  const chatCalls = () => llm.calls.filter((call) => call.path === '/v1/chat/completions');

  it('a dry run queues nothing, and its counts are what the real run then queues', async () => {
    const table = await createTable([llmColumn('a', 'A of {input}'), llmColumn('b', 'B of {input}', { output_format: 'numeric' })]);
    await addRows(table.id, 6);
    const estimate = await run(table.id, { dry_run: true });
    expect(estimate).toMatchObject({ dry_run: true, mode: 'new', num_requested_cells: 12, currency: 'USD' });
    expect(estimate.columns.map((column: any) => [column.key, column.cells, column.basis, column.model])).toEqual([
      ['a', 6, 'prompt_size', 'test-model'],
      ['b', 6, 'prompt_size', 'test-model'],
    ]);
    expect(estimate.cost.low).toBeLessThanOrEqual(estimate.cost.expected);
    expect(estimate.cost.expected).toBeLessThanOrEqual(estimate.cost.high);
    expect(await server.fathom.services.store.countCellsByStatus(table.id)).toMatchObject({ requested: 0, created: 12 });
    expect((await server.alice.get(`/v1/tables/${table.id}/runs`)).body).toHaveLength(0);

    const started = await run(table.id, {});
    expect(started.num_requested_cells).toBe(estimate.num_requested_cells);
    await waitForRunEnd(table.id, started.id);

    // Scoped like the real run: one column, two rows, mode all.
    const data = await waitForIdle(server.alice, table.id);
    const scope = { mode: 'all', columns: [table.columns[1].id], rows: [data.rows[0].id, data.rows[1].id] };
    const scoped = await run(table.id, { ...scope, dry_run: true });
    expect(scoped.num_requested_cells).toBe(2);
    // Now the column has history: six finished cells, and the figures are theirs.
    const a = scoped.columns[0];
    expect(a).toMatchObject({ key: 'a', basis: 'column_history', sample_size: 6 });
    expect(a.per_cell.median.model_calls).toBe(1);
    const real = await run(table.id, scope);
    expect(real.num_requested_cells).toBe(2);
    await waitForRunEnd(table.id, real.id);
  });

  it('"try on the first 3 rows" is enough history for the estimate of the rest', async () => {
    const table = await createTable([llmColumn('tried', 'Tried on {input}')]);
    const rows = await addRows(table.id, 10);
    await waitForRunEnd(table.id, (await run(table.id, { rows: rows.slice(0, 3).map((row: any) => row.id) })).id);
    const estimate = await run(table.id, { dry_run: true });
    expect(estimate.columns[0]).toMatchObject({ cells: 7, basis: 'column_history', sample_size: 3 });
    // Rows 1-3 used 1,100-1,300 prompt tokens; the rest is estimated at their mean.
    expect(estimate.columns[0].expected.input_tokens).toBe(7 * 1_200);
  });

  it('a column without history is estimated from similar columns of the workspace', async () => {
    const done = await createTable([llmColumn('summary', 'Summarise {input}')]);
    await addRows(done.id, 4);
    await waitForRunEnd(done.id, (await run(done.id)).id);
    const fresh = await createTable([llmColumn('other', 'Something else about {input}')]);
    await addRows(fresh.id, 3);
    const estimate = await run(fresh.id, { dry_run: true });
    expect(estimate.columns[0]).toMatchObject({ basis: 'similar_columns', cells: 3 });
    expect(estimate.columns[0].sample_size).toBeGreaterThanOrEqual(4);
  });

  it('max_cells stops the run within one batch; the untouched cells run later', async () => {
    const table = await createTable([llmColumn('a', 'A of {input}')]);
    await addRows(table.id, 20);
    const started = await run(table.id, { max_cells: 4 });
    expect(started).toMatchObject({ max_cells: 4, max_cost: null, num_requested_cells: 20 });
    const ended = await waitForRunEnd(table.id, started.id);
    await waitForIdle(server.alice, table.id);
    const final = (await server.alice.get(`/v1/tables/${table.id}/runs/${started.id}`)).body;
    expect(ended).toMatchObject({ status: 'canceled', status_reason: 'max_cells' });
    expect(ended.status_message).toContain('max_cells');
    const counts = await server.fathom.services.store.countCellsByStatus(table.id);
    // At least the cap, and never more than the engine's concurrency (2) beyond it.
    expect(counts.done).toBeGreaterThanOrEqual(4);
    expect(counts.done).toBeLessThanOrEqual(4 + 2);
    expect(counts.created).toBe(20 - counts.done);
    // Counts recorded at the stop; cells already running finish afterwards and count for the run's usage.
    expect(final.num_cells_done).toBeGreaterThanOrEqual(4);
    expect(final.num_cells_done).toBeLessThanOrEqual(counts.done);
    const later = await run(table.id);
    expect(later.num_requested_cells).toBe(20 - counts.done);
    await waitForRunEnd(table.id, later.id);
    expect(await server.fathom.services.store.countCellsByStatus(table.id)).toMatchObject({ done: 20, created: 0 });
  });

  it('max_cost stops the run once it has spent the cap, the cost priced per cell', async () => {
    const table = await createTable([llmColumn('a', 'Cost of {input}')]);
    await addRows(table.id, 20);
    // A cell of row n costs (1000 + 100 n) * 10 / 1e6 + 50 * 20 / 1e6 dollars: about 0.012 to 0.031.
    const started = await run(table.id, { max_cost: 0.05 });
    const ended = await waitForRunEnd(table.id, started.id);
    await waitForIdle(server.alice, table.id);
    expect(ended).toMatchObject({ status: 'canceled', status_reason: 'max_cost', max_cost: 0.05 });
    const data = (await server.alice.get(`/v1/tables/${table.id}/data`)).body;
    const doneCells = data.rows.filter((row: any) => row.data.a.status === 'done').map((row: any) => row.data.a.value);
    for (const value of doneCells) {
      expect(value.usage.cost).toBeCloseTo((value.usage.input_tokens * 10 + value.usage.output_tokens * 20) / 1_000_000, 9);
    }
    const final = (await server.alice.get(`/v1/tables/${table.id}/runs/${started.id}`)).body;
    expect(final.usage.cost).toBeCloseTo(sum(doneCells.map((value: any) => value.usage.cost)), 6);
    expect(final.usage.cost).toBeGreaterThanOrEqual(0.05);
    // The cap is checked after each batch: at most the concurrency's cells (2, at most 0.031 each) beyond it.
    expect(final.usage.cost).toBeLessThan(0.05 + 2 * 0.032 + 0.032);
    expect(doneCells.length).toBeLessThan(20);
  });

  it('usage sums equal the per-cell usage, grouped by run, column, model and day', async () => {
    const table = await createTable([llmColumn('a', 'Usage A of {input}'), llmColumn('b', 'Usage B of {input}', { model: 'cheap-model' })]);
    await addRows(table.id, 5);
    const first = await run(table.id);
    await waitForRunEnd(table.id, first.id);
    const second = await run(table.id, { mode: 'all', columns: [table.columns[1].id] });
    await waitForRunEnd(table.id, second.id);
    const data = await waitForIdle(server.alice, table.id);
    const values = data.rows.flatMap((row: any) => [row.data.a.value, row.data.b.value]);
    const cellCost = sum(values.map((value: any) => value.usage.cost));
    const cellInput = sum(values.map((value: any) => value.usage.input_tokens));
    for (const groupBy of ['run', 'column', 'model', 'day']) {
      const usage = (await server.alice.get(`/v1/tables/${table.id}/usage?group_by=${groupBy}`)).body;
      expect(usage.group_by).toBe(groupBy);
      expect(usage.total).toMatchObject({ cells: 10, model_calls: 10, input_tokens: cellInput, unpriced_cells: 0 });
      expect(usage.total.cost).toBeCloseTo(cellCost, 6);
      expect(sum(usage.groups.map((group: any) => group.usage.cost))).toBeCloseTo(usage.total.cost, 6);
      expect(sum(usage.groups.map((group: any) => group.usage.input_tokens))).toBe(usage.total.input_tokens);
    }
    const byModel = (await server.alice.get(`/v1/tables/${table.id}/usage?group_by=model`)).body;
    expect(byModel.groups.map((group: any) => [group.key, group.usage.cells])).toEqual([
      ['cheap-model', 5],
      ['test-model', 5],
    ]);
    const byRun = (await server.alice.get(`/v1/tables/${table.id}/usage?group_by=run`)).body;
    // The second run recomputed column b: its cells count under it now.
    const runs = (await server.alice.get(`/v1/tables/${table.id}/runs`)).body;
    const secondRun = runs.find((candidate: any) => candidate.id === second.id);
    expect(byRun.groups.find((group: any) => group.key === second.id).usage.cost).toBeCloseTo(secondRun.usage.cost, 6);
    const bad = await server.alice.get(`/v1/tables/${table.id}/usage?group_by=week`);
    expect(bad.status).toBe(422);
    expect((await server.bob.get(`/v1/tables/${table.id}/usage`)).status).toBe(404);
  });

  it('pages the usage records by position: a row deleted between two pages does not end the report early', async () => {
    const table = await createTable([llmColumn('a', 'Paged usage of {input}')]);
    await addRows(table.id, 4);
    const first = await run(table.id);
    await waitForRunEnd(table.id, first.id);
    const rowIds = (await waitForIdle(server.alice, table.id)).rows.map((row: any) => row.id);
    const { store } = server.fathom.services;
    const page = await store.listCellSpendRecords(table.id, { after: null, limit: 1 });
    expect(page.map((record) => record.rowId)).toEqual([rowIds[0]]);
    // The row the cursor stands on goes before the next page is read.
    expect((await server.alice.delete(`/v1/tables/${table.id}/rows`, { rows: [rowIds[0]] })).status).toBe(200);
    const rest = await store.listCellSpendRecords(table.id, { after: page[0]!.position, limit: 10 });
    expect(rest.map((record) => record.rowId)).toEqual(rowIds.slice(1));
    const usage = (await server.alice.get(`/v1/tables/${table.id}/usage`)).body;
    expect(usage.total.cells).toBe(3);
  });

  it('counts what the response cache saved', async () => {
    const first = await createTable([llmColumn('a', 'Cached question about {input}')]);
    await addRows(first.id, 3);
    await waitForRunEnd(first.id, (await run(first.id)).id);
    const calls = chatCalls().length;
    const second = await createTable([llmColumn('a', 'Cached question about {input}')]);
    await addRows(second.id, 3);
    await waitForRunEnd(second.id, (await run(second.id)).id);
    expect(chatCalls().length).toBe(calls);
    const usage = (await server.alice.get(`/v1/tables/${second.id}/usage`)).body;
    const paid = (await server.alice.get(`/v1/tables/${first.id}/usage`)).body;
    expect(usage.total).toMatchObject({ cells: 3, model_calls: 0, cost: 0, cached_calls: 3 });
    expect(usage.total.cache_saved_cost).toBeCloseTo(paid.total.cost, 6);
    expect(usage.total.cache_saved_cost).toBeGreaterThan(0);
  });

  it('a cell whose answer fails validation after its repair attempt keeps the usage of those calls, and its run and the usage report count it', async () => {
    // A numeric column answered with words, twice: the first reply and its repair are both billed.
    llm.setHandler((request) => ({
      content: { answer: 'about a dozen', explanation: 'guessing', sources: [] },
      usage: { promptTokens: 700 + request.prompt.length, completionTokens: 30 },
    }));
    const table = await createTable([llmColumn('count', 'How many for {input}?', { output_format: 'numeric' })]);
    await addRows(table.id, 2);
    const started = await run(table.id);
    const ended = await waitForRunEnd(table.id, started.id);
    const calls = chatCalls();
    expect(calls).toHaveLength(4);
    const reportedInput = sum(calls.map((call) => 700 + call.chat!.prompt.length));
    const data = await waitForIdle(server.alice, table.id);
    for (const row of data.rows) {
      expect(row.data.count.status).toBe('failed');
      expect(row.data.count.error).toContain('after a repair attempt');
      expect(row.data.count.value).toMatchObject({ answer: null, model: 'test-model', usage: { calls: 2, output_tokens: 60 } });
    }
    const expectedCost = (reportedInput * 10 + 4 * 30 * 20) / 1_000_000;
    expect(ended.num_cells_failed).toBe(2);
    expect(ended.usage).toMatchObject({ model_calls: 4, input_tokens: reportedInput, output_tokens: 120, unpriced_cells: 0 });
    expect(ended.usage.cost).toBeCloseTo(expectedCost, 6);
    const usage = (await server.alice.get(`/v1/tables/${table.id}/usage`)).body;
    expect(usage.total).toMatchObject({ cells: 2, model_calls: 4, input_tokens: reportedInput, output_tokens: 120 });
    expect(usage.total.cost).toBeCloseTo(expectedCost, 6);
  });

  it("routes each column's calls to its own model, and refuses a model that is not configured", async () => {
    const table = await createTable([
      llmColumn('cheap', 'Classify {input}', { model: 'cheap-model' }),
      llmColumn('strong', 'Research {input}', { model: 'strong-model' }),
      llmColumn('plain', 'Plain {input}'),
    ]);
    await addRows(table.id, 2);
    const estimate = await run(table.id, { dry_run: true });
    expect(estimate.columns.map((column: any) => column.model)).toEqual(['cheap-model', 'strong-model', 'test-model']);
    // Same figures per cell, different prices: the strong model's column costs 100x the cheap one's.
    expect(estimate.columns[1].cost.expected / estimate.columns[0].cost.expected).toBeCloseTo(100, 1);
    await waitForRunEnd(table.id, (await run(table.id)).id);
    const modelOf = (word: string) =>
      chatCalls()
        .filter((call) => call.chat!.prompt.includes(word))
        .map((call) => call.chat!.model);
    expect(modelOf('Classify')).toEqual(['cheap-model', 'cheap-model']);
    expect(modelOf('Research')).toEqual(['strong-model', 'strong-model']);
    expect(modelOf('Plain')).toEqual(['test-model', 'test-model']);
    const data = await waitForIdle(server.alice, table.id);
    expect(data.rows[0].data.strong.value.model).toBe('strong-model');

    const refused = await server.alice.post(`/v1/tables/${table.id}/columns`, { column_configs: [llmColumn('typo', 'x {input}', { model: 'gpt-9' })] });
    expect(refused.status).toBe(422);
    expect(refused.body.detail[0].loc).toEqual(['body', 'column_configs', 0, 'value', 'model']);
    expect(refused.body.detail[0].msg).toContain('cheap-model');

    // The list a column form offers: every model value.model accepts, priced.
    const models = await server.alice.get('/v1/models');
    expect(models.status).toBe(200);
    expect(models.body).toEqual({
      default_model: 'test-model',
      reasoning_model: 'test-model',
      models: [
        { id: 'test-model', input_per_million: 10, output_per_million: 20 },
        { id: 'cheap-model', input_per_million: 1, output_per_million: 2 },
        { id: 'strong-model', input_per_million: 100, output_per_million: 200 },
      ],
    });
  });
});

describe.each(testBackends())('Workspace spending cap on %s', (backend) => {
  let llm: OpenAiCompatibleServer;
  let server: TestServer;

  beforeAll(async () => {
    llm = await startOpenAiCompatibleServer();
    llm.setHandler(answerWithRowUsage);
    server = await startTestServer(backend, {
      withWorkers: true,
      environment: {
        FATHOM_LLM_BASE_URL: llm.baseUrl,
        FATHOM_LLM_MODEL: 'capped-model',
        FATHOM_PRICES: JSON.stringify({ models: { 'capped-model': { input_per_million: 10, output_per_million: 20 } } }),
        FATHOM_WORKSPACE_DAILY_COST_CAP: '0.05',
        FATHOM_POLL_INTERVAL_MS: '50',
        FATHOM_LLM_CONCURRENCY: '2',
        FATHOM_WORKER_CONCURRENCY: '2',
        FATHOM_CLAIM_BATCH_SIZE: '2',
      },
    });
  });
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  it("stops the workspace's runs at the daily cap, and starts none past it; other workspaces are unaffected", async () => {
    const createTable = async (client: TestServer['alice']) =>
      (await client.post('/v1/tables', { kind: 'generic', column_configs: [llmColumn('a', 'A of {input}')] })).body;
    const table = await createTable(server.alice);
    await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: Array.from({ length: 20 }, (_, index) => ({ data: { input: `row-${index + 1}` } })) });
    const started = (await server.alice.post(`/v1/tables/${table.id}/run`, {})).body;
    const ended = await waitFor(async () => {
      const current = (await server.alice.get(`/v1/tables/${table.id}/runs/${started.id}`)).body;
      return current.ended_at ? current : undefined;
    });
    await waitForIdle(server.alice, table.id);
    expect(ended).toMatchObject({ status: 'canceled', status_reason: 'workspace_daily_cost' });
    expect(ended.status_message).toContain('FATHOM_WORKSPACE_DAILY_COST_CAP');
    const counts = await server.fathom.services.store.countCellsByStatus(table.id);
    expect(counts.done).toBeLessThan(20);
    expect(counts.created).toBe(20 - counts.done);

    const refused = (await server.alice.post(`/v1/tables/${table.id}/run`, {})).body;
    expect(refused).toMatchObject({ status: 'canceled', status_reason: 'workspace_daily_cost', num_cells_done: 0 });
    expect(await server.fathom.services.store.countCellsByStatus(table.id)).toMatchObject({ requested: 0, created: 20 - counts.done });

    const other = await createTable(server.bob);
    await server.bob.post(`/v1/tables/${other.id}/rows`, { rows: [{ data: { input: 'row-1' } }] });
    const bobRun = (await server.bob.post(`/v1/tables/${other.id}/run`, {})).body;
    expect(bobRun.status_reason).toBeNull();
    await waitForIdle(server.bob, other.id);
    expect((await server.bob.get(`/v1/tables/${other.id}/runs/${bobRun.id}`)).body.status).toBe('done');
  });
});
