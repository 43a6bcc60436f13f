import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe.each(testBackends())('Table data on %s', (backend) => {
  let server: TestServer;
  let tableId: string;
  beforeAll(async () => {
    server = await startTestServer(backend);
    const table = (
      await server.alice.post('/v1/tables', {
        kind: 'generic',
        column_configs: [
          { kind: 'input', name: 'Notes', key: 'notes' },
          { kind: 'input', name: 'Unused', key: 'unused' },
          { kind: 'agent', name: 'Summary', key: 'summary', value: { agent_type: 'llm', prompt: 'Summarise {input} with {notes}' } },
        ],
      })
    ).body;
    tableId = table.id;
    const rows = Array.from({ length: 1234 }, (_, index) => ({ data: { input: `row-${index}`, notes: index % 2 === 0 ? `n${index}` : '' } }));
    await server.alice.post(`/v1/tables/${tableId}/rows`, { rows: rows.slice(0, 1000) });
    await server.alice.post(`/v1/tables/${tableId}/rows`, { rows: rows.slice(1000) });
  });
  afterAll(() => server.close());

  it('without limit streams every row in creation order with the header and status', async () => {
    const response = await server.alice.get(`/v1/tables/${tableId}/data`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.body.rows).toHaveLength(1234);
    expect(response.body.rows[0].data.input.value).toBe('row-0');
    expect(response.body.rows[1233].data.input.value).toBe('row-1233');
    expect(response.body.status).toMatchObject({ num_rows: 1234, num_columns: 4 });
    expect(response.body.discovery_tasks).toBeNull();
    expect(response.body.columns).toHaveLength(4);
  });

  it('pages with offset and limit (limit at most 1000)', async () => {
    const page = await server.alice.get(`/v1/tables/${tableId}/data?offset=1200&limit=50`);
    expect(page.body.rows.map((row: any) => row.data.input.value)).toEqual(Array.from({ length: 34 }, (_, index) => `row-${1200 + index}`));
    const middle = await server.alice.get(`/v1/tables/${tableId}/data?offset=500&limit=2`);
    expect(middle.body.rows.map((row: any) => row.data.input.value)).toEqual(['row-500', 'row-501']);
    const beyond = await server.alice.get(`/v1/tables/${tableId}/data?offset=5000&limit=10`);
    expect(beyond.body.rows).toEqual([]);
    const tooBig = await server.alice.get(`/v1/tables/${tableId}/data?limit=1001`);
    expect(tooBig.status).toBe(422);
    expect(tooBig.body.detail[0].loc).toEqual(['query', 'limit']);
  });

  it('flags rows whose depended-upon inputs are empty (is_missing_inputs)', async () => {
    const page = (await server.alice.get(`/v1/tables/${tableId}/data?limit=4`)).body;
    expect(page.rows.map((row: any) => row.is_missing_inputs)).toEqual([false, true, false, true]);
  });

  it('projects columns with columns=key1,key2 and rejects unknown keys', async () => {
    const page = (await server.alice.get(`/v1/tables/${tableId}/data?limit=2&columns=input,summary`)).body;
    expect(Object.keys(page.rows[0].data)).toEqual(['input', 'summary']);
    expect(page.rows[1].is_missing_inputs).toBe(true);
    const bad = await server.alice.get(`/v1/tables/${tableId}/data?columns=input,ghost`);
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0].loc).toEqual(['query', 'columns']);
    expect(bad.body.detail[0].msg).toContain('ghost');
  });

  it('404 for foreign tables', async () => {
    expect((await server.bob.get(`/v1/tables/${tableId}/data`)).status).toBe(404);
  });
});
