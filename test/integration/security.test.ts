import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const HOSTILE_STRINGS = [
  "'; DROP TABLE rows; --",
  'Robert"); DELETE FROM cells WHERE ("1"="1',
  "1' OR '1'='1",
  '%_\\%\\_',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 — 日本語テキスト — العربية — עִבְרִית — 🧑‍🚀👩🏽‍💻🏳️‍🌈',
  'e\u0301 vs é (NFD vs NFC)',
  'zero\u200bwidth\u200djoiner\ufeffbom',
  'line1\nline2\r\nline3\ttab',
  'lone surrogate \ud800 kept',
  '<script>alert(1)</script>',
  '\u0000 nul byte',
  'x'.repeat(20_000),
];

describe.each(testBackends())('Security on %s', (backend) => {
  let server: TestServer;
  let table: any;
  let rowId: string;
  let runId: string;

  beforeAll(async () => {
    server = await startTestServer(backend);
    table = (
      await server.alice.post('/v1/tables', {
        name: 'Secret',
        kind: 'generic',
        column_configs: [{ kind: 'agent', name: 'A', key: 'a', value: { agent_type: 'llm', prompt: 'p {input}' } }],
      })
    ).body;
    rowId = (await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'confidential' } }] })).body[0].id;
    runId = (await server.alice.post(`/v1/tables/${table.id}/run`, {})).body.id;
  });
  afterAll(() => server.close());

  it("answers 404 on every endpoint for another workspace's ids, and changes nothing", async () => {
    const columnId = table.columns[1].id;
    const attempts: [string, string, unknown?][] = [
      ['GET', `/v1/tables/${table.id}`],
      ['PATCH', `/v1/tables/${table.id}`, { name: 'pwned' }],
      ['DELETE', `/v1/tables/${table.id}`],
      ['POST', `/v1/tables/${table.id}/clone`],
      ['GET', `/v1/tables/${table.id}/data`],
      ['GET', `/v1/tables/${table.id}/columns`],
      ['POST', `/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'x' } }] }],
      ['PATCH', `/v1/tables/${table.id}/rows`, { rows: [{ id: rowId, data: { input: 'x' } }] }],
      ['DELETE', `/v1/tables/${table.id}/rows`, { rows: [rowId] }],
      ['GET', `/v1/tables/${table.id}/rows/${rowId}`],
      ['POST', `/v1/tables/${table.id}/columns`, { column_configs: [{ kind: 'input', name: 'X', key: 'x' }] }],
      ['PATCH', `/v1/tables/${table.id}/columns/${columnId}`, { kind: 'agent', name: 'A', key: 'a', value: { prompt: 'leak {input}' } }],
      ['DELETE', `/v1/tables/${table.id}/columns/${columnId}`],
      ['POST', `/v1/tables/${table.id}/run`, {}],
      ['GET', `/v1/tables/${table.id}/runs`],
      ['GET', `/v1/tables/${table.id}/runs/${runId}`],
      ['POST', `/v1/tables/${table.id}/runs/${runId}/cancel`],
    ];
    for (const [method, path, body] of attempts) {
      const response = await server.bob.request(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.text).not.toContain('confidential');
      expect(response.text).not.toContain('Secret');
    }
    expect((await server.bob.post('/v1/tables', { template_id: table.id })).status).toBe(422);
    const after = await server.alice.get(`/v1/tables/${table.id}/data`);
    expect(after.body.name).toBe('Secret');
    expect(after.body.rows.map((row: any) => row.data.input.value)).toEqual(['confidential']);
    expect(after.body.columns).toHaveLength(2);
  });

  it('lets a colleague of the same workspace in (organization scope)', async () => {
    expect((await server.carol.get(`/v1/tables/${table.id}`)).status).toBe(200);
  });

  it('answers 401 for a revoked token, immediately', async () => {
    const { createApiToken } = await import('../../src/services/api-tokens.ts');
    const created = await createApiToken(server.fathom.services, { workspaceSlug: 'acme', email: 'temp@acme.test', name: 'temp' });
    const headers = { authorization: `Bearer ${created.token}` };
    expect((await server.anonymous.request('GET', '/v1/user', undefined, headers)).status).toBe(200);
    expect(await server.fathom.services.store.revokeApiToken(created.prefix, server.fathom.services.now())).toBe(1);
    const revoked = await server.anonymous.request('GET', `/v1/tables/${table.id}`, undefined, headers);
    expect(revoked.status).toBe(401);
    expect(revoked.body.detail).toContain('revoked');
  });

  it('stores tokens only as hashes', async () => {
    const stored = await server.fathom.database.db.selectFrom('api_tokens').select(['token_hash', 'token_prefix']).execute();
    const serialized = JSON.stringify(stored);
    for (const token of Object.values(server.tokens)) expect(serialized).not.toContain(token);
    expect(stored.every((row) => /^[0-9a-f]{64}$/.test(row.token_hash))).toBe(true);
  });

  it('stores SQL-looking and unicode-heavy inputs and returns them byte-for-byte', async () => {
    const hostile = (
      await server.alice.post('/v1/tables', {
        name: HOSTILE_STRINGS[0],
        description: HOSTILE_STRINGS[4],
        tags: HOSTILE_STRINGS.slice(0, 5),
        kind: 'generic',
        column_configs: [{ kind: 'input', name: HOSTILE_STRINGS[1], key: 'notes' }],
      })
    ).body;
    const rows = HOSTILE_STRINGS.map((text) => ({ data: { input: text, notes: { nested: text, list: [text] } }, metadata: { text } }));
    const created = await server.alice.post(`/v1/tables/${hostile.id}/rows`, { rows });
    expect(created.status).toBe(200);
    const data = (await server.alice.get(`/v1/tables/${hostile.id}/data`)).body;
    expect(data.name).toBe(HOSTILE_STRINGS[0]);
    expect(data.description).toBe(HOSTILE_STRINGS[4]);
    expect(data.tags).toEqual(HOSTILE_STRINGS.slice(0, 5));
    expect(data.columns[1].config.name).toBe(HOSTILE_STRINGS[1]);
    data.rows.forEach((row: any, index: number) => {
      expect(row.data.input.value).toBe(HOSTILE_STRINGS[index]);
      expect(row.data.notes.value).toEqual({ nested: HOSTILE_STRINGS[index], list: [HOSTILE_STRINGS[index]] });
      expect(row.metadata).toEqual({ text: HOSTILE_STRINGS[index] });
    });
    const search = await server.alice.get(`/v1/tables?search=${encodeURIComponent('DROP TABLE rows; --')}`);
    expect(search.body.map((item: any) => item.id)).toEqual([hostile.id]);
    expect((await server.alice.get(`/v1/tables/${table.id}`)).status).toBe(200);
  });

  it('never leaks stack traces or internals on malformed input', async () => {
    for (const text of ['{', '[]', 'null', '"string"', '{"rows": null}', '\u0000']) {
      const response = await server.alice.raw('POST', `/v1/tables/${table.id}/rows`, text);
      expect(response.status, text).toBe(422);
      expect(response.text).not.toMatch(/at .+\.ts:\d+/);
    }
  });
});
