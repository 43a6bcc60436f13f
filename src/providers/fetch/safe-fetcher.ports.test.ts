import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeFetcher } from './safe-fetcher.ts';

// Two services on this machine: allowing one (by port) must not open the other, directly or by redirect.
describe('SafeFetcher port-limited allow-list entries', () => {
  let allowed: Server;
  let other: Server;
  let allowedPort: number;
  let otherPort: number;
  const otherRequests: string[] = [];
  const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

  beforeAll(async () => {
    other = createServer((request, response) => {
      otherRequests.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'text/html' }).end('<title>Internal admin</title><p>secret</p>');
    });
    otherPort = await listen(other);
    allowed = createServer((request, response) => {
      if (request.url === '/to-other-port') response.writeHead(302, { location: `http://127.0.0.1:${otherPort}/admin` }).end();
      else if (request.url === '/to-localhost-other-port') response.writeHead(302, { location: `http://[::ffff:127.0.0.1]:${otherPort}/admin` }).end();
      else response.writeHead(200, { 'content-type': 'text/html' }).end('<title>Allowed service</title><p>public page</p>');
    });
    allowedPort = await listen(allowed);
  });
  afterAll(async () => {
    await new Promise((resolve) => allowed.close(resolve));
    await new Promise((resolve) => other.close(resolve));
  });

  const fetcher = () => createSafeFetcher({ allowHosts: [`127.0.0.1:${allowedPort}`], respectRobotsTxt: false });

  it('reaches the allowed port', async () => {
    const page = await fetcher().fetchPage(`http://127.0.0.1:${allowedPort}/`);
    expect(page.title).toBe('Allowed service');
  });

  it('refuses another port of the same address, directly and through redirects (mapped IPv6 form included)', async () => {
    await expect(fetcher().fetchPage(`http://127.0.0.1:${otherPort}/admin`)).rejects.toMatchObject({ code: 'blocked_address' });
    for (const path of ['/to-other-port', '/to-localhost-other-port']) {
      await expect(fetcher().fetchPage(`http://127.0.0.1:${allowedPort}${path}`)).rejects.toMatchObject({
        code: 'blocked_address',
        message: expect.stringContaining('refused to follow the redirect'),
      });
    }
    expect(otherRequests).toEqual([]);
  });

  it('a name allowed for one port resolves to loopback only on that port', async () => {
    const lookup = async () => [{ address: '127.0.0.1', family: 4 }];
    const named = createSafeFetcher({ allowHosts: [`service.internal:${allowedPort}`], respectRobotsTxt: false, lookup });
    expect((await named.fetchPage(`http://service.internal:${allowedPort}/`)).title).toBe('Allowed service');
    await expect(named.fetchPage(`http://service.internal:${otherPort}/admin`)).rejects.toMatchObject({ code: 'blocked_address' });
    expect(otherRequests).toEqual([]);
  });
});
