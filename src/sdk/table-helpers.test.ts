import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/support/test-server.ts';
import type { TableStatus, TableWithStatus } from './api-types.ts';
import { createFathomClient, type FathomClient } from './fathom-client.ts';
import { FathomApiError, FathomWaitTimeoutError } from './fathom-errors.ts';
import { waitForIdle, type IdleProgress } from './wait-for-idle.ts';

const status = (inProgress: number, completed: number): TableStatus => ({
  num_rows: 10,
  num_columns: 2,
  num_input_columns: 1,
  num_output_columns: 1,
  num_cells_completed: completed,
  num_cells_in_progress: inProgress,
  num_cells_failed: 0,
  run_status: inProgress > 0 ? 'running' : 'idle',
});

/** A `tables.get` that answers scripted statuses, one per poll. */
function scriptedTables(statuses: TableStatus[]) {
  let polls = 0;
  return {
    get polls() {
      return polls;
    },
    get: async (tableId: string) => ({ id: tableId, status: statuses[Math.min(polls++, statuses.length - 1)]! }) as TableWithStatus,
  };
}

describe('waitForIdle', () => {
  it('reports every poll and answers the idle table', async () => {
    const tables = scriptedTables([status(10, 0), status(6, 4), status(0, 10)]);
    const progress: IdleProgress[] = [];
    const table = await waitForIdle(tables, 't1', { intervalMs: 10, onProgress: (update) => progress.push(update) });
    expect(progress.map((update) => [update.status.num_cells_completed, update.status.run_status])).toEqual([
      [0, 'running'],
      [4, 'running'],
      [10, 'idle'],
    ]);
    expect(progress.every((update, index) => index === 0 || update.elapsedMs >= progress[index - 1]!.elapsedMs)).toBe(true);
    expect(table.status.num_cells_completed).toBe(10);
  });

  it('is not idle while cells are in progress, even when run_status says idle', async () => {
    const tables = scriptedTables([{ ...status(3, 0), run_status: 'idle' }, status(0, 3)]);
    await waitForIdle(tables, 't1', { intervalMs: 10 });
    expect(tables.polls).toBe(2);
  });

  it('throws FathomWaitTimeoutError with the last state after timeoutMs', async () => {
    const tables = scriptedTables([status(5, 0)]);
    const started = Date.now();
    const error = await waitForIdle(tables, 't1', { intervalMs: 20, timeoutMs: 100 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FathomWaitTimeoutError);
    expect((error as FathomWaitTimeoutError).lastTable?.status.num_cells_in_progress).toBe(5);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stopped by caller')), 30);
    await expect(waitForIdle(scriptedTables([status(5, 0)]), 't1', { intervalMs: 10_000, signal: controller.signal })).rejects.toThrow('stopped by caller');
  });
});

describe('iterateRows and addRowsInBatches against a real server', () => {
  let server: TestServer;
  let client: FathomClient;
  const requests: string[] = [];
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    const recordingFetch: typeof fetch = (input, init) => {
      requests.push(`${init?.method ?? 'GET'} ${String(input).replace(server.baseUrl, '')}`);
      return fetch(input, init);
    };
    client = createFathomClient({ baseUrl: server.baseUrl, token: server.tokens.alice, fetch: recordingFetch });
  });
  afterAll(() => server.close());

  it('adds 2,500 rows in batches of 1,000 with progress, then iterates them page by page in order', async () => {
    const table = await client.tables.create({ kind: 'generic' });
    const progress: number[] = [];
    requests.length = 0;
    async function* source() {
      for (let index = 0; index < 2_500; index++) yield { data: { input: `row-${index}` } };
    }
    const result = await client.addRowsInBatches(table.id, source(), { onProgress: ({ createdCount }) => progress.push(createdCount) });
    expect(result.error).toBeUndefined();
    expect(result.createdCount).toBe(2_500);
    expect(new Set(result.rowIds).size).toBe(2_500);
    expect(progress).toEqual([1_000, 2_000, 2_500]);
    expect(requests).toEqual(Array(3).fill(`POST /v1/tables/${table.id}/rows`));

    requests.length = 0;
    const inputs: unknown[] = [];
    for await (const row of client.iterateRows(table.id, { pageSize: 1_000 })) inputs.push(row.data.input!.value);
    expect(inputs).toEqual(Array.from({ length: 2_500 }, (_, index) => `row-${index}`));
    // The first page starts at offset 0; the next ones follow the server's next_cursor.
    const pages = requests.map((request) => new URL(request.split(' ')[1]!, server.baseUrl).searchParams);
    expect(pages.map((page) => page.get('offset'))).toEqual(['0', null, null]);
    expect(pages.map((page) => page.get('cursor') !== null)).toEqual([false, true, true]);

    requests.length = 0;
    let count = 0;
    for await (const row of client.iterateRows(table.id, { pageSize: 500, columns: ['input'] })) count += row.data.input ? 1 : 0;
    // 2,500 rows in pages of 500: five full pages, the last with next_cursor null (no empty page needed).
    expect(count).toBe(2_500);
    expect(requests).toHaveLength(5);
  });

  it('reports a failed batch in the result, after the batches stored before it', async () => {
    const table = await client.tables.create({ kind: 'generic' });
    const rows = Array.from({ length: 250 }, (_, index) => ({ data: index === 120 ? { unknown_key: 'x' } : { input: `row-${index}` } }));
    const result = await client.addRowsInBatches(table.id, rows, { batchSize: 100 });
    expect(result.createdCount).toBe(100);
    expect(result.error).toBeInstanceOf(FathomApiError);
    expect((result.error as FathomApiError).issues[0]!.loc).toEqual(['body', 'rows', 20, 'data', 'unknown_key']);
    expect((await client.tables.get(table.id)).status.num_rows).toBe(100);
  });
});
