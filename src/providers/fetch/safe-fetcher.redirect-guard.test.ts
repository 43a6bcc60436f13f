import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SafeFetcher } from './safe-fetcher.ts';

/** Listen on 127.0.0.1 at a free port. */
async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/**
 * Every redirect hop is checked against private addresses by itself, not only through the
 * robots.txt lookup of the new origin: with robots.txt checking off, a redirect from an
 * allowed site to a loopback address must still be refused before anything is sent there.
 */
describe('SafeFetcher redirect hops with robots.txt checking off', () => {
  const internalRequests: string[] = [];
  const internal = createServer((request, response) => {
    internalRequests.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'text/html' }).end('<title>Internal admin</title><p>secrets</p>');
  });
  const redirector = createServer((_request, response) => {
    response.writeHead(302, { location: `http://127.0.0.1:${internalPort}/admin` }).end();
  });
  let internalPort = 0;
  let redirectorPort = 0;
  beforeAll(async () => {
    internalPort = await listen(internal);
    redirectorPort = await listen(redirector);
  });
  afterAll(async () => {
    await new Promise((resolve) => internal.close(resolve));
    await new Promise((resolve) => redirector.close(resolve));
  });

  it('refuses a redirect from an allowed site to a loopback address, and sends nothing there', async () => {
    // Only the redirecting site is allowed (by name); 127.0.0.1 itself is not.
    const fetcher = new SafeFetcher({
      allowHosts: ['redirector.test'],
      lookup: async () => [{ address: '127.0.0.1', family: 4 }],
      respectRobotsTxt: false,
    });
    try {
      const from = `http://redirector.test:${redirectorPort}/`;
      await expect(fetcher.fetchPage(from)).rejects.toMatchObject({
        code: 'blocked_address',
        url: `http://127.0.0.1:${internalPort}/admin`,
        message: expect.stringContaining(`refused to follow the redirect from ${from}`),
      });
      expect(internalRequests).toEqual([]);
    } finally {
      await fetcher.close();
    }
  });
});
