import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureSearchError } from '../../../test/fixtures/search-standins/search-provider-conformance.ts';
import { requestSearchJson } from './request-search-json.ts';
import type { SearchHttpRequest } from './request-search-json.ts';

const provider = { providerId: 'example', label: 'Example Search', credentialAdvice: 'Fix the key.', secrets: [] };

describe('requestSearchJson', () => {
  let origin = '';
  let lastAuthorization: string | undefined;
  const server = createServer((request, response) => {
    lastAuthorization = request.headers.authorization;
    if (request.url === '/stall-body') {
      // Headers arrive at once, the body never ends: only the timeout can end the call.
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"results": [');
      return;
    }
    if (request.url === '/html') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!DOCTYPE html><html><body>Welcome to nginx!</body></html>');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"ok":true}');
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const request = (path: string, overrides: Partial<SearchHttpRequest> = {}): Promise<unknown> =>
    requestSearchJson({ provider, url: new URL(path, origin), method: 'GET', timeoutMs: 2_000, signal: undefined, ...overrides });

  it('returns the parsed body', async () => {
    await expect(request('/ok')).resolves.toEqual({ ok: true });
  });

  it('sends credentials found in the URL as HTTP Basic auth, not in the URL', async () => {
    const url = new URL('/ok', origin);
    url.username = 'fathom';
    url.password = 'p@ss word';

    await request('/ok', { url });

    expect(lastAuthorization).toBe(`Basic ${Buffer.from('fathom:p@ss word').toString('base64')}`);
  });

  it('times out a body that never ends', async () => {
    const error = await captureSearchError(request('/stall-body', { timeoutMs: 100 }));

    expect(error.code).toBe('timeout');
    expect(error.message).toContain('100 ms');
  });

  it('names the endpoint when it answers HTML instead of JSON', async () => {
    const error = await captureSearchError(request('/html'));

    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('Welcome to nginx!');
    expect(error.message).toContain(`${origin}/html`);
  });

  it('reports an unreachable host as a retryable server_error with the network reason', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const error = await captureSearchError(request('/', { url: new URL(`http://user:secret@127.0.0.1:${port}/search`) }));

    expect(error.code).toBe('server_error');
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).toContain(`http://127.0.0.1:${port}/search`);
    expect(error.message).not.toContain('secret');
  });
});
