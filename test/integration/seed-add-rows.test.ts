import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// The seed document's endpoint, POST /v1/tables/{table_id}/rows, exactly as it defines it.
describe.each(testBackends())('Add rows (seed endpoint) on %s', (backend) => {
  let server: TestServer;
  let tableId: string;

  beforeAll(async () => {
    server = await startTestServer(backend);
    tableId = (await server.alice.post('/v1/tables', { name: 'Seed', kind: 'company' })).body.id;
  });
  afterAll(() => server.close());

  it("runs the seed's curl example and answers an array of rows in request order", async () => {
    const response = await server.alice.raw(
      'POST',
      `/v1/tables/${tableId}/rows`,
      '{\n    "rows": [\n      {"data": {"input": "https://stripe.com"}},\n      {"data": {"input": "https://openai.com"}}\n    ],\n    "run": false\n  }',
      { 'content-type': 'application/json' },
    );
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(2);
    const [first, second] = response.body;
    for (const row of response.body) {
      expect(Object.keys(row).sort()).toEqual(['company_profile_id', 'created_at', 'data', 'id', 'metadata', 'parent_data', 'parent_row_id']);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Date(row.created_at).toISOString()).toBe(row.created_at);
      expect(row.parent_row_id).toBeNull();
      expect(row.company_profile_id).toBeNull();
      for (const cell of Object.values(row.data) as any[]) {
        expect(Object.keys(cell).sort()).toEqual(['status', 'updated_at', 'value']);
        expect(['created', 'requested', 'in_progress', 'done', 'failed']).toContain(cell.status);
      }
    }
    expect(first.data.input).toMatchObject({ value: 'https://stripe.com', status: 'done' });
    expect(second.data.input).toMatchObject({ value: 'https://openai.com', status: 'done' });
    expect(first.data.company_name).toMatchObject({ value: null, status: 'created' });
    expect(Object.keys(first.data)).toEqual(['input', 'company_profile', 'company_name', 'company_website']);
  });

  it('defaults run to false: nothing is queued', async () => {
    await server.alice.post(`/v1/tables/${tableId}/rows`, { rows: [{ data: { input: 'acme.test' } }] });
    const table = await server.alice.get(`/v1/tables/${tableId}`);
    expect(table.body.status.num_cells_in_progress).toBe(0);
    expect(table.body.status.run_status).toBe('idle');
  });

  it("run: true queues the new rows' computed cells", async () => {
    const response = await server.alice.post(`/v1/tables/${tableId}/rows`, { rows: [{ data: { input: 'run.test' } }], run: true });
    expect(response.status).toBe(200);
    // Queued in the same transaction as the rows, so the answer already shows it.
    expect(response.body[0].data.company_profile.status).toBe('requested');
    const table = await server.alice.get(`/v1/tables/${tableId}`);
    expect(table.body.status.num_cells_in_progress).toBe(3);
    expect(table.body.status.run_status).toBe('running');
  });

  it('echoes metadata', async () => {
    const response = await server.alice.post(`/v1/tables/${tableId}/rows`, { rows: [{ data: { input: 'meta.test' }, metadata: { source: 'crm', score: 7 } }] });
    expect(response.body[0].metadata).toEqual({ source: 'crm', score: 7 });
  });

  describe('Common errors', () => {
    it('401 Unauthorized without a valid Bearer header', async () => {
      const missing = await server.anonymous.post(`/v1/tables/${tableId}/rows`, { rows: [{ data: { input: 'x' } }] });
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toBe('Bearer');
      expect(typeof missing.body.detail).toBe('string');
      const noPrefix = await server.anonymous.request('POST', `/v1/tables/${tableId}/rows`, { rows: [] }, { authorization: server.tokens.alice });
      expect(noPrefix.status).toBe(401);
      const wrong = await server.anonymous.request('POST', `/v1/tables/${tableId}/rows`, { rows: [] }, { authorization: 'Bearer fth_not-a-real-token' });
      expect(wrong.status).toBe(401);
    });

    it('404 Not Found for an unknown table id or one of another workspace', async () => {
      const unknown = await server.alice.post('/v1/tables/5d0c2f3e-0000-4000-8000-000000000000/rows', { rows: [{ data: { input: 'x' } }] });
      expect(unknown.status).toBe(404);
      expect(unknown.body.detail).toContain('not found');
      const foreign = await server.bob.post(`/v1/tables/${tableId}/rows`, { rows: [{ data: { input: 'x' } }] });
      expect(foreign.status).toBe(404);
    });

    it('422 for a missing data, with loc pointing at it', async () => {
      const response = await server.alice.post(`/v1/tables/${tableId}/rows`, {
        rows: [{ data: { input: 'a' } }, { data: { input: 'b' } }, { data: { input: 'c' } }, { metadata: {} }],
      });
      expect(response.status).toBe(422);
      expect(response.body).toEqual({ detail: [{ loc: ['body', 'rows', 3, 'data'], msg: 'Field required', type: 'missing' }] });
    });

    it('422 for a wrong rows shape', async () => {
      for (const body of [{ rows: 'abc' }, { rows: [1] }, {}, { rows: [{ data: [] }] }, { rows: [{ data: { input: 'x' } }], run: 'maybe' }]) {
        const response = await server.alice.post(`/v1/tables/${tableId}/rows`, body);
        expect(response.status, JSON.stringify(body)).toBe(422);
        expect(Array.isArray(response.body.detail)).toBe(true);
        for (const issue of response.body.detail) {
          expect(Object.keys(issue)).toEqual(['loc', 'msg', 'type']);
          expect(issue.loc[0]).toBe('body');
        }
      }
    });
  });

  it('422 json_invalid for malformed JSON, and nothing is written', async () => {
    const before = (await server.alice.get(`/v1/tables/${tableId}`)).body.status.num_rows;
    const response = await server.alice.raw('POST', `/v1/tables/${tableId}/rows`, '{"rows": [{"data": {"input": "x"}}');
    expect(response.status).toBe(422);
    expect(response.body.detail[0].type).toBe('json_invalid');
    expect(response.body.detail[0].loc[0]).toBe('body');
    expect((await server.alice.get(`/v1/tables/${tableId}`)).body.status.num_rows).toBe(before);
  });

  it('422 naming the limit above 1,000 rows; 1,000 exactly is accepted', async () => {
    const tooMany = await server.alice.post(`/v1/tables/${tableId}/rows`, {
      rows: Array.from({ length: 1001 }, (_, index) => ({ data: { input: `r${index}` } })),
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.detail[0].loc).toEqual(['body', 'rows']);
    expect(tooMany.body.detail[0].msg).toContain('1000');
    const exactly = await server.alice.post(`/v1/tables/${tableId}/rows`, {
      rows: Array.from({ length: 1000 }, (_, index) => ({ data: { input: `r${index}` } })),
    });
    expect(exactly.status).toBe(200);
    expect(exactly.body).toHaveLength(1000);
    expect(exactly.body[999].data.input.value).toBe('r999');
  });

  it('422 for a key that is not an input column, and the whole batch is rejected', async () => {
    const before = (await server.alice.get(`/v1/tables/${tableId}`)).body.status.num_rows;
    const response = await server.alice.post(`/v1/tables/${tableId}/rows`, {
      rows: [{ data: { input: 'ok.test' } }, { data: { input: 'x', nope: 1 } }, { data: { company_name: 'Forged' } }],
    });
    expect(response.status).toBe(422);
    expect(response.body.detail.map((issue: any) => issue.loc)).toEqual([
      ['body', 'rows', 1, 'data', 'nope'],
      ['body', 'rows', 2, 'data', 'company_name'],
    ]);
    expect(response.body.detail[1].msg).toContain('computed');
    expect((await server.alice.get(`/v1/tables/${tableId}`)).body.status.num_rows).toBe(before);
  });
});

describe('Body size limit', () => {
  it('413 with a message naming the limit', async () => {
    const server = await startTestServer('sqlite', { environment: { FATHOM_MAX_BODY_BYTES: '2048' } });
    try {
      const tableId = (await server.alice.post('/v1/tables', { kind: 'generic' })).body.id;
      const response = await server.alice.post(`/v1/tables/${tableId}/rows`, { rows: [{ data: { input: 'x'.repeat(5000) } }] });
      expect(response.status).toBe(413);
      expect(response.body.detail).toContain('2048 bytes');
      expect(response.body.detail).toContain('FATHOM_MAX_BODY_BYTES');
      expect((await server.alice.get(`/v1/tables/${tableId}`)).body.status.num_rows).toBe(0);
    } finally {
      await server.close();
    }
  });
});
