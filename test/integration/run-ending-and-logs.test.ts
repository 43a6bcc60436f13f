import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PermanentCellError, type CellExecutor } from '../../src/engine/cell-executor.ts';
import { testBackends } from '../support/backends.ts';
import { createCapturedLogger } from '../support/captured-logger.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { waitFor, waitForIdle } from '../support/wait-for.ts';

/** Fails column `a` for inputs that say "bad"; answers everything else. */
const executor: CellExecutor = {
  async execute(context) {
    if (context.column.key === 'a' && String(context.inputs.input).includes('bad')) throw new PermanentCellError('no such company');
    return { value: { answer: `${context.column.key} ok`, source: [], explanation: 'test' } };
  },
};

const column = (key: string, upstream: string) => ({ kind: 'agent', name: key, key, value: { agent_type: 'llm', prompt: `${key} of {${upstream}}` } });
const CHAIN = [column('a', 'input'), column('b', 'a'), column('c', 'b'), column('d', 'c'), column('e', 'd'), column('f', 'e')];

describe.each(testBackends())('How runs end, and what is logged about them, on %s', (backend) => {
  let server: TestServer;
  const { logger, lines } = createCapturedLogger('info');
  beforeAll(async () => {
    server = await startTestServer(backend, {
      withWorkers: true,
      executors: { executorFor: () => executor },
      logger,
      environment: { FATHOM_POLL_INTERVAL_MS: '50' },
    });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    lines.length = 0;
  });

  it('a run over an upstream cell that had already failed ends in its own response, with its 5-deep chain failed', async () => {
    const table = (await server.alice.post('/v1/tables', { kind: 'generic', column_configs: CHAIN })).body;
    await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'bad inc' } }] });
    const columnA = table.columns.find((candidate: any) => candidate.config.key === 'a').id;
    await server.alice.post(`/v1/tables/${table.id}/run`, { columns: [columnA] });
    const first = await waitForIdle(server.alice, table.id);
    expect(first.rows[0].data.a.status).toBe('failed');

    const response = await server.alice.post(`/v1/tables/${table.id}/run`, { mode: 'new' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'failed', num_requested_cells: 5 });
    expect(response.body.ended_at).not.toBeNull();
    const data = (await server.alice.get(`/v1/tables/${table.id}/data`)).body;
    for (const key of ['b', 'c', 'd', 'e', 'f']) {
      expect(data.rows[0].data[key]).toMatchObject({ status: 'failed', error: 'waiting on a, which failed' });
    }
    expect(data.status).toMatchObject({ run_status: 'idle', num_cells_in_progress: 0, num_cells_failed: 6 });
  });

  it('logs each failed cell and each ended run once, naming the table, run and cell', async () => {
    const table = (await server.alice.post('/v1/tables', { kind: 'generic', column_configs: CHAIN.slice(0, 2) })).body;
    const rows = (
      await server.alice.post(`/v1/tables/${table.id}/rows`, {
        rows: [{ data: { input: 'good 1' } }, { data: { input: 'bad 2' } }, { data: { input: 'good 3' } }],
      })
    ).body;
    const run = (await server.alice.post(`/v1/tables/${table.id}/run`, {})).body;
    await waitForIdle(server.alice, table.id);
    const ended = await waitFor(async () => {
      const found = lines.filter((line) => line.msg === 'run-ended' && line.runId === run.id);
      return found.length > 0 ? found : undefined;
    });
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ tableId: table.id, runId: run.id, status: 'done' });
    const failed = lines.filter((line) => line.msg === 'cell-failed' && line.tableId === table.id);
    const keyOf = new Map(table.columns.map((candidate: any) => [candidate.id, candidate.config.key]));
    expect(failed.map((line) => keyOf.get(line.columnId)).sort()).toEqual(['a', 'b']);
    for (const line of failed) expect(line).toMatchObject({ tableId: table.id, runId: run.id, rowId: rows[1].id });
    const errorOf = new Map(failed.map((line) => [keyOf.get(line.columnId), line.error]));
    expect(errorOf.get('a')).toContain('no such company');
    expect(errorOf.get('b')).toBe('waiting on a, which failed');
  });

  it('logs a failure of the event stream with its table, and ends that stream', async () => {
    const table = (await server.alice.post('/v1/tables', { kind: 'generic', column_configs: CHAIN.slice(0, 1) })).body;
    const [row] = (await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'good' } }] })).body;
    const response = await fetch(`${server.baseUrl}/v1/tables/${table.id}/events?access_token=${server.tokens.alice}`);
    const reader = response.body!.getReader();
    await reader.read();
    // The table goes away under an open stream; the next change it streams cannot be read.
    await server.alice.delete(`/v1/tables/${table.id}`);
    server.fathom.changeFeed.publish([{ tableId: table.id, rowId: row.id, columnId: table.columns[1].id }]);
    const logged = await waitFor(async () => lines.find((line) => line.msg === 'table-events-failed'));
    expect(logged).toMatchObject({ tableId: table.id, during: 'cells', err: { message: expect.stringContaining(table.id) } });
    for (;;) if ((await reader.read()).done) break;
  });
});
