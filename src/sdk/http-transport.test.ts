import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createFathomClient } from './fathom-client.ts';
import { FathomApiError, FathomNetworkError } from './fathom-errors.ts';

interface Recorded {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

let server: Server | undefined;

/** A tiny server whose answer to request number n (0-based) is up to `respond`. */
async function startScriptedServer(
  respond: (index: number, response: ServerResponse, request: IncomingMessage) => void,
): Promise<{ url: string; requests: Recorded[] }> {
  const requests: Recorded[] = [];
  server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    requests.push({ method: request.method!, url: request.url!, authorization: request.headers.authorization, body });
    respond(requests.length - 1, response, request);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

afterEach(async () => {
  if (!server) return;
  const closing = server;
  server = undefined;
  closing.closeAllConnections();
  await new Promise((resolve) => closing.close(resolve));
});

const fast = { retryBaseDelayMs: 5, token: 'secret-token' };

describe('retries', () => {
  it('retries 503 until the server answers, with the token and JSON body each time', async () => {
    const { url, requests } = await startScriptedServer((index, response) =>
      index < 2 ? json(response, 503, { detail: 'warming up', code: 'unavailable' }) : json(response, 200, [{ id: 'r1' }]),
    );
    const client = createFathomClient({ baseUrl: url, ...fast });
    const rows = await client.rows.create('t1', { rows: [{ data: { input: 'acme.test' } }] });
    expect(rows).toEqual([{ id: 'r1' }]);
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      expect(request).toMatchObject({ method: 'POST', url: '/v1/tables/t1/rows', authorization: 'Bearer secret-token' });
      expect(JSON.parse(request.body)).toEqual({ rows: [{ data: { input: 'acme.test' } }] });
    }
  });

  it('gives up after maxRetries and throws the last 5xx as FathomApiError', async () => {
    const { url, requests } = await startScriptedServer((_, response) => json(response, 500, { detail: 'Internal server error', code: 'internal_error' }));
    const client = createFathomClient({ baseUrl: url, ...fast, maxRetries: 2 });
    const error = await client.tables.get('t1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FathomApiError);
    expect(error).toMatchObject({ status: 500, code: 'internal_error', detail: 'Internal server error', isRetryable: true });
    expect(requests).toHaveLength(3);
  });

  it('honours Retry-After over its own backoff', async () => {
    const { url, requests } = await startScriptedServer((index, response) =>
      index === 0 ? json(response, 503, { detail: 'busy' }, { 'retry-after': '0.3' }) : json(response, 200, { status: 'ok' }),
    );
    const started = Date.now();
    await createFathomClient({ baseUrl: url, ...fast }).healthcheck();
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(requests).toHaveLength(2);
  });

  it.each([
    [400, { detail: 'limit must be at most 100 (got 500); page with offset', code: 'bad_request' }],
    [401, { detail: 'Invalid or revoked API token', code: 'not_authenticated' }],
    [404, { detail: 'Table t1 not found', code: 'not_found' }],
  ])('does not retry %i', async (status, body) => {
    const { url, requests } = await startScriptedServer((_, response) => json(response, status, body));
    const error = await createFathomClient({ baseUrl: url, ...fast })
      .tables.get('t1')
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status, detail: body.detail, code: body.code, issues: [], isRetryable: false, method: 'GET', path: '/v1/tables/t1' });
    expect(requests).toHaveLength(1);
  });

  it('reads a 422 into issues with their locs and a readable detail', async () => {
    const detail = [
      { loc: ['body', 'rows', 3, 'data'], msg: 'Field required', type: 'missing' },
      { loc: ['body', 'run'], msg: 'Input should be a valid boolean', type: 'bool_type' },
    ];
    const { url } = await startScriptedServer((_, response) => json(response, 422, { detail }));
    const error = (await createFathomClient({ baseUrl: url, ...fast })
      .rows.create('t1', { rows: [] })
      .catch((caught: unknown) => caught)) as FathomApiError;
    expect(error.issues).toEqual(detail);
    expect(error.detail).toBe('body.rows.3.data: Field required; body.run: Input should be a valid boolean');
    expect(error.code).toBe('validation_error');
    expect(error.message).toContain('422');
  });

  it('reads the hosted API billing shape {"detail": {"error": ...}}', async () => {
    const { url } = await startScriptedServer((_, response) => json(response, 402, { detail: { error: 'plan_required' } }));
    const error = await createFathomClient({ baseUrl: url, ...fast })
      .tables.create({})
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 402, code: 'plan_required', detail: '{"error":"plan_required"}' });
  });

  it('retries a refused connection, even for a write (nothing was sent), then throws FathomNetworkError naming the cause', async () => {
    const { url } = await startScriptedServer(() => {});
    const closing = server!;
    server = undefined;
    await new Promise((resolve) => closing.close(resolve));
    let attempts = 0;
    const countingFetch: typeof fetch = (input, init) => {
      attempts++;
      return fetch(input, init);
    };
    const error = await createFathomClient({ baseUrl: url, ...fast, maxRetries: 2, fetch: countingFetch })
      .tables.create({})
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FathomNetworkError);
    expect(error).toMatchObject({ isTimeout: false, method: 'POST', path: '/v1/tables' });
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect(attempts).toBe(3);
  });
});

describe('timeout', () => {
  const slowServer = () => startScriptedServer((_, response) => setTimeout(() => json(response, 200, { status: 'ok' }), 1_000));

  it('abandons a slow GET after timeoutMs and retries it', async () => {
    const { url, requests } = await slowServer();
    const started = Date.now();
    const error = await createFathomClient({ baseUrl: url, ...fast, timeoutMs: 100, maxRetries: 1 })
      .healthcheck()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FathomNetworkError);
    expect(error).toMatchObject({ isTimeout: true });
    expect((error as Error).message).toContain('timed out after 100 ms');
    expect(requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('does not retry a write whose connection broke after sending', async () => {
    const { url, requests } = await startScriptedServer((_, response) => response.socket!.destroy());
    const error = await createFathomClient({ baseUrl: url, ...fast, maxRetries: 3 })
      .rows.create('t1', { rows: [] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FathomNetworkError);
    expect(error).toMatchObject({ isTimeout: false, method: 'POST' });
    expect(requests).toHaveLength(1);
  });

  it('does not retry a timed-out write, which the server may have applied', async () => {
    const { url, requests } = await slowServer();
    const error = await createFathomClient({ baseUrl: url, ...fast, timeoutMs: 100, maxRetries: 3 })
      .tables.create({ name: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ isTimeout: true, method: 'POST' });
    expect(requests).toHaveLength(1);
  });
});

describe('requests', () => {
  it('sends query parameters, repeating list values and leaving out undefined ones', async () => {
    const { url, requests } = await startScriptedServer((_, response) =>
      json(response, 200, [], { 'x-extruct-pagination-total': '7', 'x-extruct-pagination-offset': '5', 'x-extruct-pagination-limit': '2' }),
    );
    const client = createFathomClient({ baseUrl: `${url}/`, ...fast });
    const list = await client.tables.list({ tags: ['a b', 'c'], limit: 2, offset: 5, kind: undefined });
    expect(list).toEqual({ tables: [], total: 7, offset: 5, limit: 2 });
    await client.tables.data('t/1', { columns: ['input', 'notes'], offset: 0, limit: 10 });
    await client.tables.clone('t1', { schema_only: true });
    expect(requests.map((request) => request.url)).toEqual([
      '/v1/tables?tags=a+b&tags=c&limit=2&offset=5',
      '/v1/tables/t%2F1/data?offset=0&limit=10&columns=input%2Cnotes',
      '/v1/tables/t1/clone?schema_only=true',
    ]);
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() => createFathomClient({ baseUrl: 'localhost:8000' })).toThrow(TypeError);
    expect(() => createFathomClient({ baseUrl: 'not a url' })).toThrow(/not a URL/);
  });
});
