import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../fixtures/openai-compatible-server/index.ts';
import { testBackends } from '../support/backends.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { waitFor, waitForIdle } from '../support/wait-for.ts';

const llmColumn = (key: string, prompt: string, extra: Record<string, unknown> = {}) => ({
  kind: 'agent',
  name: key,
  key,
  value: { agent_type: 'llm', prompt, output_format: 'text', ...extra },
});

describe.each(testBackends())('Run engine with the llm agent on %s', (backend) => {
  let llm: OpenAiCompatibleServer;
  let server: TestServer;

  beforeAll(async () => {
    llm = await startOpenAiCompatibleServer();
    server = await startTestServer(backend, {
      withWorkers: true,
      environment: {
        FATHOM_LLM_BASE_URL: llm.baseUrl,
        FATHOM_LLM_MODEL: 'test-model',
        FATHOM_POLL_INTERVAL_MS: '50',
        FATHOM_LLM_CONCURRENCY: '4',
        // Claim no more than the provider can serve, so a cancelled run still has queued cells.
        FATHOM_WORKER_CONCURRENCY: '4',
      },
    });
  });
  beforeEach(() => llm.reset());
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  const reply = (answer: unknown, explanation = 'from the row', sources: string[] = []) => ({ answer, explanation, sources });
  const createTable = async (columns: unknown[], kind = 'generic') => (await server.alice.post('/v1/tables', { kind, column_configs: columns })).body;
  const addRows = async (tableId: string, inputs: string[], run = false) =>
    (await server.alice.post(`/v1/tables/${tableId}/rows`, { rows: inputs.map((input) => ({ data: { input } })), run })).body;
  const chatCalls = () => llm.calls.filter((call) => call.path === '/v1/chat/completions');

  it('run: true fills every cell with a typed, explained answer and exact counters', async () => {
    llm.addRule({ whenPromptIncludes: 'alpha.test', reply: reply('Alpha makes anvils', 'The input names Alpha.', ['https://alpha.test/about']) });
    llm.addRule({ reply: reply('Something else') });
    const table = await createTable([llmColumn('summary', 'Summarise {input}')]);
    await addRows(table.id, ['alpha.test https://alpha.test/about', 'beta.test', 'gamma.test'], true);
    const data = await waitForIdle(server.alice, table.id);
    expect(data.status).toMatchObject({ num_cells_completed: 3, num_cells_in_progress: 0, num_cells_failed: 0, run_status: 'idle' });
    const cell = data.rows[0].data.summary;
    expect(cell.status).toBe('done');
    expect(cell.value).toMatchObject({
      answer: 'Alpha makes anvils',
      explanation: 'The input names Alpha.',
      source: ['https://alpha.test/about'],
      provider: 'openai-compatible',
      model: 'test-model',
    });
    expect(cell.value.usage.input_tokens).toBeGreaterThan(0);
    expect(data.rows[1].data.summary.value.answer).toBe('Something else');
    const runs = (await server.alice.get(`/v1/tables/${table.id}/runs`)).body;
    expect(runs[0]).toMatchObject({ status: 'done', mode: 'new', num_requested_cells: 3, num_cells_done: 3, num_cells_failed: 0, num_cells_remaining: 0 });
    expect(runs[0].ended_at).not.toBeNull();
    expect(runs[0].duration_seconds).toBeGreaterThanOrEqual(0);
    // The run's summary adds up the usage its cells recorded.
    const cellUsage = data.rows.map((row: any) => row.data.summary.value.usage);
    expect(runs[0].usage).toEqual({
      model_calls: 3,
      input_tokens: cellUsage.reduce((sum: number, usage: any) => sum + usage.input_tokens, 0),
      output_tokens: cellUsage.reduce((sum: number, usage: any) => sum + usage.output_tokens, 0),
      // test-model has no price: its cost is unknown, never zero.
      cost: 0,
      unpriced_cells: 3,
    });
    expect(cellUsage.map((usage: any) => usage.cost)).toEqual([null, null, null]);
    expect(runs[0].usage.input_tokens).toBeGreaterThan(0);
    expect(await server.fathom.services.store.countCellsByStatus(table.id)).toEqual({ created: 0, requested: 0, in_progress: 0, done: 3, failed: 0 });
  });

  it('keeps only sources that appear in the row data', async () => {
    llm.addRule({ reply: reply('x', 'made up', ['https://invented.example/page', 'https://real.test/']) });
    const table = await createTable([llmColumn('summary', 'Summarise {input}')]);
    await addRows(table.id, ['see https://real.test/'], true);
    const data = await waitForIdle(server.alice, table.id);
    expect(data.rows[0].data.summary.value.source).toEqual(['https://real.test/']);
  });

  it('honours every run mode and scope, and 422s unknown ids', async () => {
    llm.addRule({ reply: reply('first') });
    const table = await createTable([llmColumn('a', 'A of {input}'), llmColumn('b', 'B of {input}')]);
    const rows = await addRows(table.id, ['1', '2', '3']);
    const [, columnA, columnB] = table.columns;

    const empty = await server.alice.raw('POST', `/v1/tables/${table.id}/run`, '');
    expect(empty.body).toMatchObject({ mode: 'new', num_requested_cells: 6, rows: null, columns: null });
    await waitForIdle(server.alice, table.id);
    expect(chatCalls()).toHaveLength(6);

    const again = (await server.alice.post(`/v1/tables/${table.id}/run`, { mode: 'new' })).body;
    expect(again).toMatchObject({ num_requested_cells: 0, status: 'done' });

    llm.reset();
    llm.addRule({ reply: reply('second') });
    const scoped = (await server.alice.post(`/v1/tables/${table.id}/run`, { mode: 'all', rows: [rows[0].id], columns: [columnB.id] })).body;
    expect(scoped).toMatchObject({ mode: 'all', num_requested_cells: 1, rows: [rows[0].id], columns: [columnB.id] });
    let data = await waitForIdle(server.alice, table.id);
    expect(data.rows[0].data.b.value.answer).toBe('second');
    expect(data.rows[0].data.a.value.answer).toBe('first');
    expect(data.rows[1].data.b.value.answer).toBe('first');

    const all = (await server.alice.post(`/v1/tables/${table.id}/run`, { mode: 'all', columns: [columnA.id] })).body;
    expect(all.num_requested_cells).toBe(3);
    data = await waitForIdle(server.alice, table.id);
    expect(data.rows.map((row: any) => row.data.a.value.answer)).toEqual(['second', 'second', 'second']);
    expect(chatCalls()).toHaveLength(4);

    const failedOnly = (await server.alice.post(`/v1/tables/${table.id}/run`, { mode: 'failed' })).body;
    expect(failedOnly.num_requested_cells).toBe(0);

    const badRow = await server.alice.post(`/v1/tables/${table.id}/run`, { rows: [rows[0].id, 'nope'] });
    expect(badRow.status).toBe(422);
    expect(badRow.body.detail[0].loc).toEqual(['body', 'rows', 1]);
    const badColumn = await server.alice.post(`/v1/tables/${table.id}/run`, { columns: ['ghost'] });
    expect(badColumn.body.detail[0].loc).toEqual(['body', 'columns', 0]);
    const badMode = await server.alice.post(`/v1/tables/${table.id}/run`, { mode: 'everything' });
    expect(badMode.body.detail[0].loc).toEqual(['body', 'mode']);
  });

  it('reruns failed cells with mode "failed" and stuck ones with "stuck_failed_new"', async () => {
    llm.setHandler((request) => (request.prompt.includes('bad') ? { content: { answer: 42, explanation: 'x', sources: [] } } : { content: reply('Pro') }));
    const table = await createTable([llmColumn('tier', 'Tier of {input}', { output_format: 'select', labels: ['Free', 'Pro'] })]);
    await addRows(table.id, ['good', 'bad'], true);
    let data = await waitForIdle(server.alice, table.id);
    expect(data.rows[1].data.tier.status).toBe('failed');
    expect(data.rows[1].data.tier.error).toContain("does not fit output format 'select'");
    llm.setHandler(() => ({ content: reply('Free') }));
    const rerun = (await server.alice.post(`/v1/tables/${table.id}/run`, { mode: 'failed' })).body;
    expect(rerun.num_requested_cells).toBe(1);
    data = await waitForIdle(server.alice, table.id);
    expect(data.rows.map((row: any) => row.data.tier.value.answer)).toEqual(['Pro', 'Free']);
    const stuck = (await server.alice.post(`/v1/tables/${table.id}/run`, { mode: 'stuck_failed_new' })).body;
    expect(stuck.num_requested_cells).toBe(0);
  });

  it('runs a 3-column dependency chain in order, each answer reaching the next prompt through <row_data>', async () => {
    // {key} references stay in the task; the values are in the row data block (never in the instructions).
    const rowValue = (prompt: string, key: string) => new RegExp(`<row_data>[\\s\\S]*\\n${key}: (\\S+)`).exec(prompt)?.[1];
    llm.setHandler((request) => {
      if (request.prompt.startsWith('Step one')) return { content: reply(`one(${rowValue(request.prompt, 'input') ?? '?'})`) };
      if (request.prompt.startsWith('Step two: {a}')) return { content: reply(`two[${rowValue(request.prompt, 'a')}]`) };
      if (request.prompt.startsWith('Step three: {b}')) return { content: reply(`three[${rowValue(request.prompt, 'b')}]`) };
      return { content: reply('unexpected prompt') };
    });
    const table = await createTable([llmColumn('c', 'Step three: {b}'), llmColumn('b', 'Step two: {a}'), llmColumn('a', 'Step one about {input}')]);
    await addRows(table.id, ['acme'], true);
    const data = await waitForIdle(server.alice, table.id);
    expect(data.rows[0].data.c.value.answer).toBe('three[two[one(acme)]]');
    const order = chatCalls().map((call) => /Step (\w+)/.exec(call.chat!.prompt)![1]);
    expect(order).toEqual(['one', 'two', 'three']);
  });

  it('fails the dependents of a failed cell with a message naming the column that failed', async () => {
    llm.setHandler((request) => ({ content: request.prompt.includes('row-2') ? { answer: ['not', 'text'], explanation: '', sources: [] } : reply('fine') }));
    const table = await createTable([
      { ...llmColumn('a', 'A {input}'), name: 'Segment' },
      { ...llmColumn('b', 'B {a}'), name: 'Pitch' },
      { ...llmColumn('c', 'C {b}'), name: 'Score' },
    ]);
    const rows = await addRows(table.id, ['row-1', 'row-2'], true);
    const data = await waitForIdle(server.alice, table.id);
    expect(data.rows[0].data.c.status).toBe('done');
    const failed = data.rows[1].data;
    expect(failed.a.status).toBe('failed');
    expect(failed.a.error).toContain("does not fit output format 'text'");
    expect(failed.a.error).not.toMatch(/attempts.*attempts/);
    // Dependents name the column that failed, not the row's id, nor its message again.
    expect(failed.b).toMatchObject({ status: 'failed', error: 'waiting on Segment, which failed' });
    expect(failed.c).toMatchObject({ status: 'failed', error: 'waiting on Segment, which failed' });
    expect(failed.b.error).not.toContain(rows[1].id);
    expect(data.status).toMatchObject({ num_cells_failed: 3, num_cells_completed: 6, run_status: 'idle' });
    const runs = (await server.alice.get(`/v1/tables/${table.id}/runs`)).body;
    expect(runs[0]).toMatchObject({ status: 'done', num_cells_done: 3, num_cells_failed: 3, num_cells_remaining: 0 });
    // The run's failed cells, in table order, with their messages.
    const failedCells = (await server.alice.get(`/v1/tables/${table.id}/runs/${runs[0].id}/failed-cells`)).body;
    expect(failedCells.total).toBe(3);
    expect(failedCells.cells.map((cell: { row_id: string; column_id: string }) => [cell.row_id, cell.column_id])).toEqual(
      table.columns.slice(1).map((column: { id: string }) => [rows[1].id, column.id]),
    );
    expect(failedCells.cells[1].error).toBe('waiting on Segment, which failed');
    const onePage = (await server.alice.get(`/v1/tables/${table.id}/runs/${runs[0].id}/failed-cells?offset=2&limit=5`)).body;
    expect(onePage).toEqual({ total: 3, cells: [failedCells.cells[2]] });
    expect((await server.alice.get(`/v1/tables/${table.id}/runs/${runs[0].id}/failed-cells?limit=0`)).status).toBe(422);
    expect((await server.alice.get(`/v1/tables/${table.id}/runs/00000000-0000-4000-8000-000000000000/failed-cells`)).status).toBe(404);
  });

  describe('output formats', () => {
    const cases: { format: string; extra?: Record<string, unknown>; good: unknown; stored: unknown; bad: unknown }[] = [
      { format: 'text', good: 'A short answer', stored: 'A short answer', bad: { nested: true } },
      { format: 'url', good: 'stripe.com/pricing', stored: 'https://stripe.com/pricing', bad: 'javascript:alert(1)' },
      { format: 'email', good: 'mailto:Sales@Acme.TEST', stored: 'Sales@acme.test', bad: 'not an email' },
      { format: 'phone', good: '+1 (415) 555-2671', stored: '+14155552671', bad: '12' },
      { format: 'select', extra: { labels: ['B2B', 'B2C'] }, good: 'b2b', stored: 'B2B', bad: 'B2G' },
      { format: 'multiselect', extra: { labels: ['EU', 'US', 'APAC'] }, good: ['US', 'EU'], stored: ['EU', 'US'], bad: ['EU', 'Mars'] },
      { format: 'numeric', good: '1.2 million', stored: 1_200_000, bad: '10-20' },
      { format: 'number', good: 42, stored: 42, bad: 'many' },
      { format: 'money', good: '$9.81B', stored: { amount: 9_810_000_000, currency: 'USD' }, bad: 'lots' },
      { format: 'date', good: 'March 2021', stored: '2021-03', bad: '2021-02-30' },
      { format: 'grade', good: '4/5', stored: 4, bad: 7 },
      {
        format: 'json',
        extra: { output_schema: { type: 'object', properties: { seats: { type: 'integer' } }, required: ['seats'] } },
        good: { seats: 12 },
        stored: { seats: 12 },
        bad: { seats: 'twelve' },
      },
    ];

    it.each(cases)('$format: stores the parsed answer, and fails a misfit after one repair attempt', async ({ format, extra, good, stored, bad }) => {
      llm.setHandler((request) => ({ content: { answer: request.prompt.includes('good-row') ? good : bad, explanation: 'because', sources: [] } }));
      const table = await createTable([llmColumn('field', `Find the ${format} for {input}`, { output_format: format, ...extra })]);
      await addRows(table.id, ['good-row', 'bad-row'], true);
      const data = await waitForIdle(server.alice, table.id);
      const [goodCell, badCell] = data.rows.map((row: any) => row.data.field);
      expect(goodCell.status).toBe('done');
      if (format === 'money') expect(goodCell.value.answer).toMatchObject(stored as object);
      else expect(goodCell.value.answer).toEqual(stored);
      expect(badCell.status).toBe('failed');
      expect(badCell.error).toContain(`does not fit output format '${format}'`);
      const badCalls = chatCalls().filter((call) => call.chat!.prompt.includes('bad-row'));
      expect(badCalls).toHaveLength(2);
      expect(badCalls[1]!.chat!.prompt).toContain('Your previous reply was rejected');
    });

    it('"Not found" is a first-class answer', async () => {
      llm.setHandler(() => ({ content: { answer: 'Not found', explanation: 'The row has no revenue figure.', sources: [] } }));
      const table = await createTable([llmColumn('revenue', 'Revenue of {input}', { output_format: 'money' })]);
      await addRows(table.id, ['mystery'], true);
      const data = await waitForIdle(server.alice, table.id);
      expect(data.rows[0].data.revenue).toMatchObject({ status: 'done', value: { answer: 'Not found', explanation: 'The row has no revenue figure.' } });
    });
  });

  describe('provider failures', () => {
    it('waits out a 429 with Retry-After and then succeeds', async () => {
      llm.enqueueFailure({ status: 429, retryAfter: 1 });
      llm.addRule({ reply: reply('after the wait') });
      const table = await createTable([llmColumn('a', 'Rate limited: {input}')]);
      const started = Date.now();
      await addRows(table.id, ['x'], true);
      const data = await waitForIdle(server.alice, table.id);
      expect(data.rows[0].data.a.value.answer).toBe('after the wait');
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(chatCalls().map((call) => call.status)).toEqual([429, 200]);
    });

    it('retries 500s and succeeds', async () => {
      llm.enqueueFailure({ status: 500, times: 2 });
      llm.addRule({ reply: reply('recovered') });
      const table = await createTable([llmColumn('a', 'Server errors: {input}')]);
      await addRows(table.id, ['x'], true);
      const data = await waitForIdle(server.alice, table.id, 30_000);
      expect(data.rows[0].data.a.value.answer).toBe('recovered');
      expect(chatCalls().map((call) => call.status)).toEqual([500, 500, 200]);
    });

    it('fails fast on a permanent error with the provider message', async () => {
      llm.enqueueFailure({ status: 401, body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } } });
      const table = await createTable([llmColumn('a', 'Bad key: {input}')]);
      await addRows(table.id, ['x'], true);
      const data = await waitForIdle(server.alice, table.id);
      expect(data.rows[0].data.a.status).toBe('failed');
      expect(data.rows[0].data.a.error).toContain('Incorrect API key provided');
      expect(chatCalls()).toHaveLength(1);
    });
  });

  it('answers identical requests from the cache; mode "all" asks again', async () => {
    llm.addRule({ reply: reply('cached answer') });
    const first = await createTable([llmColumn('a', 'Cache me: {input}')]);
    await addRows(first.id, ['same input'], true);
    await waitForIdle(server.alice, first.id);
    expect(chatCalls()).toHaveLength(1);
    const second = await createTable([llmColumn('a', 'Cache me: {input}')]);
    await addRows(second.id, ['same input'], true);
    const data = await waitForIdle(server.alice, second.id);
    expect(data.rows[0].data.a.value).toMatchObject({ answer: 'cached answer', usage: { calls: 0, cached_calls: 1 } });
    expect(chatCalls()).toHaveLength(1);
    await server.alice.post(`/v1/tables/${second.id}/run`, { mode: 'all' });
    await waitForIdle(server.alice, second.id);
    expect(chatCalls()).toHaveLength(2);
  });

  it('shows exact counters while running, and cancels: queued cells return to their previous state', async () => {
    llm.addRule({ reply: reply('slow'), delayMs: 400 });
    const table = await createTable([llmColumn('a', 'Slow {input}')]);
    await addRows(
      table.id,
      Array.from({ length: 20 }, (_, index) => `row ${index}`),
    );
    const run = (await server.alice.post(`/v1/tables/${table.id}/run`, {})).body;
    const during = await waitFor(async () => {
      const status = (await server.alice.get(`/v1/tables/${table.id}`)).body.status;
      return status.num_cells_in_progress > 0 && llm.inFlight > 0 ? status : undefined;
    });
    expect(during.run_status).toBe('running');
    expect(during.num_cells_in_progress + during.num_cells_completed).toBe(20);
    const counts = await server.fathom.services.store.countCellsByStatus(table.id);
    expect(counts.requested + counts.in_progress + counts.done).toBe(20);
    // The run object says where its own cells are while it goes: a page opened mid-run reads its progress here.
    expect(run).toMatchObject({ num_cells_done: 0, num_cells_failed: 0, num_cells_remaining: 20 });
    const live = (await server.alice.get(`/v1/tables/${table.id}/runs/${run.id}`)).body;
    expect(live.status).toMatch(/created|in_progress/);
    expect(live.num_cells_done + live.num_cells_failed + live.num_cells_remaining).toBe(20);
    expect(live.num_cells_remaining).toBeGreaterThan(0);
    const canceled = await server.alice.post(`/v1/tables/${table.id}/runs/${run.id}/cancel`);
    expect(canceled.status).toBe(200);
    expect(canceled.body.status).toBe('canceled');
    expect(canceled.body.num_cells_done).toBeGreaterThanOrEqual(live.num_cells_done);
    expect(canceled.body.num_cells_remaining).toBe(0);
    const data = await waitForIdle(server.alice, table.id);
    const statuses = data.rows.map((row: any) => row.data.a.status);
    expect(statuses.filter((status: string) => status === 'created').length).toBeGreaterThan(0);
    expect(statuses.every((status: string) => status === 'created' || status === 'done')).toBe(true);
    expect(data.status.num_cells_in_progress).toBe(0);
    expect((await server.alice.get(`/v1/tables/${table.id}/runs/${run.id}`)).body.status).toBe('canceled');
  });

  it('computes the people built-ins with the llm agent', async () => {
    llm.setHandler((request) => {
      if (request.prompt.includes('full name')) return { content: reply('Ada Lovelace') };
      if (request.prompt.includes('job title')) return { content: reply('Analyst') };
      return { content: reply('https://www.linkedin.com/in/ada') };
    });
    const table = (await server.alice.post('/v1/tables', { kind: 'people' })).body;
    await addRows(table.id, ['Ada Lovelace, Analyst at Engines Ltd'], true);
    const data = await waitForIdle(server.alice, table.id);
    expect(data.rows[0].data.full_name.value.answer).toBe('Ada Lovelace');
    expect(data.rows[0].data.role.value.answer).toBe('Analyst');
    expect(data.rows[0].data.profile_url.value.answer).toBe('https://www.linkedin.com/in/ada');
  });
});

describe('Without an LLM provider', () => {
  it('fails llm cells at once with a message naming the variables to set', async () => {
    const server = await startTestServer('sqlite', { withWorkers: true, environment: { FATHOM_POLL_INTERVAL_MS: '50' } });
    try {
      const table = (await server.alice.post('/v1/tables', { kind: 'generic', column_configs: [llmColumn('a', 'A {input}')] })).body;
      await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'x' } }], run: true });
      const data = await waitForIdle(server.alice, table.id);
      expect(data.rows[0].data.a.status).toBe('failed');
      expect(data.rows[0].data.a.error).toBe('no LLM provider configured: set OPENAI_API_KEY, ANTHROPIC_API_KEY or FATHOM_LLM_BASE_URL');
    } finally {
      await server.close();
    }
  });
});
