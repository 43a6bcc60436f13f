import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// Input is stored as sent or refused with a 422 that points at the problem: never a 500, never
// silently altered (rounded integers, U+FFFD for bad bytes).
describe.each(testBackends())('Input integrity (%s)', (backend) => {
  let server: TestServer;
  let tableId: string;
  beforeAll(async () => {
    server = await startTestServer(backend);
    tableId = (await server.alice.post('/v1/tables', { kind: 'generic', column_configs: [{ kind: 'input', name: 'Notes', key: 'notes' }] })).body.id;
  });
  afterAll(() => server.close());

  const sendBytes = (path: string, bytes: Uint8Array<ArrayBuffer>) =>
    fetch(`${server.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.tokens.alice}`, 'content-type': 'application/json' },
      body: bytes,
    });

  it('JSON nested 10,000 deep answers 422, not 500', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const response = await server.alice.raw('POST', `/v1/tables/${tableId}/rows`, `{"rows": [{"data": {"notes": ${deep}}}]}`);
    expect(response.status).toBe(422);
    expect(response.body.detail[0].loc.slice(0, 6)).toEqual(['body', 'rows', 0, 'data', 'notes', 0]);
    expect(response.body.detail[0].msg).toContain('deeper than 1000 levels');
  });

  it('nesting within the limit is stored and read back as sent', async () => {
    let nested: unknown = 'core';
    for (let level = 0; level < 500; level++) nested = [nested];
    const created = await server.alice.post(`/v1/tables/${tableId}/rows`, { rows: [{ data: { notes: 'deep' }, metadata: { nested } }] });
    expect(created.status).toBe(200);
    const row = await server.alice.get(`/v1/tables/${tableId}/rows/${created.body[0].id}`);
    expect(row.body.metadata.nested).toEqual(nested);
  });

  it('a body that is not valid UTF-8 answers 422 instead of being stored with U+FFFD', async () => {
    const prefix = new TextEncoder().encode('{"rows": [{"data": {"notes": "caf');
    const suffix = new TextEncoder().encode('"}}]}');
    const body = new Uint8Array([...prefix, 0xe9, ...suffix]);
    const response = await sendBytes(`/v1/tables/${tableId}/rows`, body);
    expect(response.status).toBe(422);
    const answer = (await response.json()) as { detail: { loc: unknown[]; msg: string }[] };
    expect(answer.detail[0]!.loc).toEqual(['body']);
    expect(answer.detail[0]!.msg).toContain('not valid UTF-8');
    const data = (await server.alice.get(`/v1/tables/${tableId}/data`)).body;
    expect(JSON.stringify(data)).not.toContain('\uFFFD');
  });

  it('integers beyond 2^53 − 1 answer 422 at the number; safe ones and strings are kept exactly', async () => {
    const refused = await server.alice.raw('POST', `/v1/tables/${tableId}/rows`, '{"rows": [{"data": {"notes": 9007199254740993}}]}');
    expect(refused.status).toBe(422);
    expect(refused.body.detail[0].loc).toEqual(['body', 'rows', 0, 'data', 'notes']);
    expect(refused.body.detail[0].msg).toContain('9007199254740993');
    const kept = await server.alice.raw(
      'POST',
      `/v1/tables/${tableId}/rows`,
      '{"rows": [{"data": {"notes": 9007199254740991}}, {"data": {"notes": "9007199254740993"}}]}',
    );
    expect(kept.status).toBe(200);
    expect(kept.body.map((row: any) => row.data.notes.value)).toEqual([9007199254740991, '9007199254740993']);
  });

  it('a NUL character in a name, description or tag answers 422 (PostgreSQL text cannot hold it), the same on both databases', async () => {
    const table = await server.alice.post('/v1/tables', { name: 'Leads\u0000', kind: 'generic' });
    expect(table.status).toBe(422);
    expect(table.body.detail[0].loc).toEqual(['body', 'name']);
    expect(table.body.detail[0].msg).toContain('NUL');
    const renamed = await server.alice.patch(`/v1/tables/${tableId}`, { name: 'a\u0000b' });
    expect(renamed.status).toBe(422);
    const described = await server.alice.patch(`/v1/tables/${tableId}`, { description: 'a\u0000b', tags: ['ok', 'b\u0000'] });
    expect(described.status).toBe(422);
    expect(described.body.detail.map((issue: { loc: unknown[] }) => issue.loc)).toEqual([
      ['body', 'description'],
      ['body', 'tags', 1],
    ]);
  });

  it('a NUL character anywhere else in a body (a view name, a row id, a Deep Search query, an object key) answers 422 at its place', async () => {
    const cases: [string, string, unknown, (string | number)[]][] = [
      ['POST', `/v1/tables/${tableId}/views`, { name: 'a\u0000b', query: {} }, ['body', 'name']],
      ['PATCH', `/v1/tables/${tableId}/rows`, { rows: [{ id: 'a\u0000b', data: { notes: 'x' } }] }, ['body', 'rows', 0, 'id']],
      ['POST', `/v1/tables/${tableId}/run`, { rows: ['\u0000'] }, ['body', 'rows', 0]],
      ['POST', '/v1/discovery_tasks', { query: 'banks\u0000' }, ['body', 'query']],
      ['POST', '/v1/companies/import', { companies: [{ domain: 'nul.test', name: 'N\u0000' }] }, ['body', 'companies', 0, 'name']],
      ['PATCH', `/v1/tables/${tableId}`, { ['na\u0000me']: 'x' }, ['body', 'na\u0000me']],
    ];
    for (const [method, path, body, loc] of cases) {
      const response = await server.alice.raw(method, path, JSON.stringify(body));
      expect(response.status, `${method} ${path}`).toBe(422);
      expect(response.body.detail, `${method} ${path}`).toEqual([{ loc, msg: expect.stringContaining('NUL'), type: 'value_error' }]);
    }
  });

  it('a NUL character inside stored JSON (cell values, column names) is kept exactly', async () => {
    const column = await server.alice.post(`/v1/tables/${tableId}/columns`, { column_configs: [{ kind: 'input', name: 'N\u0000', key: 'n' }] });
    expect(column.status).toBe(200);
    const created = await server.alice.post(`/v1/tables/${tableId}/rows`, { rows: [{ data: { notes: 'a\u0000b' } }] });
    expect(created.status).toBe(200);
    const row = (await server.alice.get(`/v1/tables/${tableId}/rows/${created.body[0].id}`)).body;
    expect(row.data.notes.value).toBe('a\u0000b');
    expect(row.columns.find((entry: { config: { key: string } }) => entry.config.key === 'n').config.name).toBe('N\u0000');
  });

  it('a long text value (beyond what one index entry can hold) is stored, read back and sorted', async () => {
    // Random hex does not compress: 20,000 characters would not fit one PostgreSQL index entry (8 KB pages).
    const long = (seed: string) => Array.from({ length: 500 }, (_, index) => createHash('md5').update(`${seed}${index}`).digest('hex')).join(' ');
    const table = (await server.alice.post('/v1/tables', { kind: 'generic', column_configs: [{ kind: 'input', name: 'Notes', key: 'notes' }] })).body;
    const values = [`b ${long('b')}`, `a ${long('a')}`, `B ${'x'.repeat(600)}1`, `b ${'x'.repeat(600)}0`];
    const created = await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: values.map((notes) => ({ data: { notes } })) });
    expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(200);
    const row = await server.alice.get(`/v1/tables/${table.id}/rows/${created.body[0].id}`);
    expect(row.body.data.notes.value.answer ?? row.body.data.notes.value).toBe(values[0]);
    const sorted = (await server.alice.get(`/v1/tables/${table.id}/data?sort=notes`)).body.rows.map((entry: any) => entry.data.notes.value);
    // Case-insensitive order; the two texts alike for their first 500 characters keep table order.
    expect(sorted).toEqual([values[1], values[0], values[2], values[3]]);
  });

  it('a NUL character in a path id or a query answers 422, not 500', async () => {
    expect((await server.alice.get('/v1/tables/%00')).status).toBe(422);
    expect((await server.alice.get(`/v1/tables/${tableId}/rows/%00`)).status).toBe(422);
    expect((await server.alice.get(`/v1/tables/${tableId}/data?columns=%00`)).status).toBe(422);
  });
});
