import { expect } from 'vitest';
import type { HostileServer } from '../hostile-server.ts';
import { HOSTILE_MAX_BODY_BYTES } from '../hostile-server.ts';
import type { HostileTally } from '../hostile-tally.ts';

/** Malformed, oversized, deep, badly encoded and wrongly typed input, and unknown ids: a 4xx that says why, never a 500. */
export function registerBadInputCases(tally: HostileTally, target: () => HostileServer, tableId: () => string): void {
  const category = 'bad input';
  const client = () => target().server.alice;
  const rowsPath = () => `/v1/tables/${tableId()}/rows`;
  const expect422 = async (text: string) => {
    const response = await client().raw('POST', rowsPath(), text);
    expect(response.status, text.slice(0, 80)).toBe(422);
    expect(Array.isArray(response.body.detail)).toBe(true);
  };

  tally.hostileCase(category, 'malformed JSON', () => expect422('{"rows": [{"data": {"input": "x"}'));
  tally.hostileCase(category, 'JSON with a trailing comma and comments', () => expect422('{"rows": [], /* x */}'));
  tally.hostileCase(category, 'a JSON array instead of an object', () => expect422('[1, 2, 3]'));
  tally.hostileCase(category, 'an empty body where one is required', () => expect422(''));
  tally.hostileCase(category, 'JSON nested 10,000 deep', () => expect422(`{"rows": [{"data": {"input": ${'['.repeat(10_000)}${']'.repeat(10_000)}}}]}`));
  tally.hostileCase(category, 'JSON nested 100,000 deep', () => expect422(`${'['.repeat(100_000)}${']'.repeat(100_000)}`));
  tally.hostileCase(category, 'an integer beyond 2^53', () => expect422('{"rows": [{"data": {"input": 123456789012345678901234567890}}]}'));
  tally.hostileCase(category, 'a NUL character in a table name or tag answers 422', async () => {
    for (const body of ['{"name": "a\\u0000b"}', '{"tags": ["\\u0000"]}']) {
      const response = await client().raw('POST', '/v1/tables', body);
      expect(response.status, body).toBe(422);
    }
  });
  tally.hostileCase(category, 'wrong types (rows as a string, data as a list)', async () => {
    await expect422('{"rows": "all of them"}');
    await expect422('{"rows": [{"data": ["input"]}]}');
  });
  tally.hostileCase(category, 'a body that is not valid UTF-8', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"rows": [{"data": {"input": "'), 0xff, 0xfe, 0xc3, ...new TextEncoder().encode('"}}]}')]);
    const response = await fetch(`${target().server.baseUrl}${rowsPath()}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${target().server.tokens.alice}`, 'content-type': 'application/json' },
      body: bytes,
    });
    expect(response.status).toBe(422);
  });
  tally.hostileCase(category, `a body over the limit (${HOSTILE_MAX_BODY_BYTES} bytes) answers 413`, async () => {
    const response = await client().raw('POST', rowsPath(), JSON.stringify({ rows: [{ data: { input: 'x'.repeat(HOSTILE_MAX_BODY_BYTES + 10) } }] }));
    expect(response.status).toBe(413);
    expect(response.body.detail).toContain('FATHOM_MAX_BODY_BYTES');
  });
  tally.hostileCase(category, 'unknown, malformed, huge and NUL ids answer 404/422, never 500', async () => {
    const ids = [crypto.randomUUID(), 'not-a-uuid', 'x'.repeat(10_000), '%00', '..%2F..%2Fetc%2Fpasswd', "1' OR '1'='1", '%F0%9F%92%A9'];
    for (const id of ids) {
      for (const path of [`/v1/tables/${id}`, `/v1/tables/${tableId()}/rows/${id}`, `/v1/tables/${tableId()}/runs/${id}`, `/v1/companies/${id}`]) {
        const response = await client().get(path);
        expect([404, 422], `${path.slice(0, 80)} → ${response.status}`).toContain(response.status);
      }
    }
  });
  tally.hostileCase(category, 'query parameters of the wrong type or range', async () => {
    for (const query of ['limit=abc', 'limit=-1', 'limit=1001', 'offset=-5', 'limit=1e309', 'offset=99999999999999999999']) {
      const response = await client().get(`/v1/tables/${tableId()}/data?${query}`);
      expect(response.status, query).toBe(422);
    }
  });
}
