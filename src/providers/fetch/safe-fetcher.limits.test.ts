import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { LARGE_PAGE_BYTES } from '../../../test/fixtures/fixture-web/index.ts';
import { useFetcherHarness } from '../../../test/fixtures/fixture-web/fetcher-harness.ts';

const harness = useFetcherHarness();

/** A port on 127.0.0.1 with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('SafeFetcher limits', () => {
  it('fails a streamed page over the default 5 MiB cap with too_large', async () => {
    expect(LARGE_PAGE_BYTES).toBeGreaterThan(5 * 1024 * 1024);
    await expect(harness.fetcher().fetchPage(harness.web().urlFor('edge-cases', '/large'))).rejects.toMatchObject({
      code: 'too_large',
      isRetryable: false,
      message: expect.stringContaining('larger than the 5 MiB page limit'),
    });
  });

  it('fails a page whose declared length is over the cap before reading its body', async () => {
    await expect(harness.fetcher({ maxBytes: 1024 }).fetchPage(harness.web().urlFor('edge-cases', '/large-declared'))).rejects.toMatchObject({
      code: 'too_large',
      message: expect.stringContaining('1 KiB page limit'),
    });
  });

  it('counts decompressed bytes, so a gzip bomb fails too_large', async () => {
    await expect(harness.fetcher({ maxBytes: 1024 * 1024 }).fetchPage(harness.web().urlFor('edge-cases', '/gzip-bomb'))).rejects.toMatchObject({
      code: 'too_large',
    });
  });

  it('times out a page that never sends headers', async () => {
    const startedAt = Date.now();
    await expect(harness.fetcher({ headersTimeoutMs: 150 }).fetchPage(harness.web().urlFor('edge-cases', '/slow-headers'))).rejects.toMatchObject({
      code: 'timeout',
      isRetryable: true,
      message: expect.stringContaining('did not send response headers within 0.15 s'),
    });
    expect(Date.now() - startedAt).toBeLessThan(3_000);
  });

  it('times out a body that stops arriving', async () => {
    await expect(harness.fetcher({ bodyTimeoutMs: 150 }).fetchPage(harness.web().urlFor('edge-cases', '/slow-body'))).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringContaining('stopped sending its body for 0.15 s'),
    });
  });

  it('bounds the whole fetch by totalTimeoutMs, whatever the other timeouts allow', async () => {
    const fetcher = harness.fetcher({ totalTimeoutMs: 250, headersTimeoutMs: 10_000, bodyTimeoutMs: 10_000 });
    await expect(fetcher.fetchPage(harness.web().urlFor('edge-cases', '/slow-body'))).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringContaining('could not be fetched within 0.25 s'),
    });
  });

  it("rejects with the caller's own reason when the caller aborts", async () => {
    const controller = new AbortController();
    const reason = new Error('lease lost');
    const fetching = harness.fetcher().fetchPage(harness.web().urlFor('edge-cases', '/slow-headers'), { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 50);
    await expect(fetching).rejects.toBe(reason);
  });

  it('reports a 503 as a retryable http_error with the Retry-After delay', async () => {
    await expect(harness.fetcher().fetchPage(harness.web().urlFor('edge-cases', '/server-error'))).rejects.toMatchObject({
      code: 'http_error',
      status: 503,
      isRetryable: true,
      retryAfterMs: 7_000,
    });
  });

  it('reports a 404 as a permanent http_error', async () => {
    const url = harness.web().urlFor('acme', '/no-such-page');
    await expect(harness.fetcher().fetchPage(url)).rejects.toMatchObject({
      code: 'http_error',
      status: 404,
      isRetryable: false,
      message: `${url} answered 404 Not Found: the page does not exist; check the URL`,
    });
  });

  it('reports a refused connection as a retryable network error', async () => {
    const port = await closedPort();
    await expect(harness.fetcher().fetchPage(`http://acme.test:${port}/`)).rejects.toMatchObject({
      code: 'network_error',
      isRetryable: true,
      message: expect.stringContaining('the connection was refused'),
    });
  });
});
