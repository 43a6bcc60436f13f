import { createServer, type Server } from 'node:http';
import type { LookupAddress } from 'node:dns';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect } from 'vitest';
import { createSafeFetcher } from '../../../src/providers/fetch/index.ts';
import type { HostileTally } from '../hostile-tally.ts';

/**
 * The fetcher against every way of writing "this machine" or "the private network", directly and
 * through redirects, and another port of an allowed host. A listener on 127.0.0.1 counts what got
 * through: nothing may. Injected DNS answers stand in for names resolving to private addresses;
 * nothing connects to them.
 */
export function registerSsrfCases(tally: HostileTally): void {
  const category = 'SSRF';
  let victim: Server;
  let redirector: Server;
  let victimPort = 0;
  let redirectorPort = 0;
  const reached: string[] = [];
  const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

  beforeAll(async () => {
    victim = createServer((request, response) => {
      reached.push(`${request.headers.host}${request.url}`);
      response.writeHead(200, { 'content-type': 'text/html' }).end('<title>internal</title>secret');
    });
    victimPort = await listen(victim);
    redirector = createServer((request, response) => {
      const target = decodeURIComponent((request.url ?? '/').slice('/to/'.length));
      response.writeHead(302, { location: target }).end();
    });
    redirectorPort = await listen(redirector);
  });
  afterAll(async () => {
    await new Promise((resolve) => victim.close(resolve));
    await new Promise((resolve) => redirector.close(resolve));
  });

  const dns =
    (answers: Record<string, string[]>) =>
    async (hostname: string): Promise<LookupAddress[]> => {
      const found = answers[hostname];
      if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };
  const refused = async (url: string, options: Parameters<typeof createSafeFetcher>[0] = {}) => {
    const before = reached.length;
    await expect(createSafeFetcher({ respectRobotsTxt: false, totalTimeoutMs: 5_000, ...options }).fetchPage(url), url).rejects.toMatchObject({
      code: expect.stringMatching(/^(blocked_address|invalid_url)$/),
    });
    expect(reached.length, `${url} reached the victim`).toBe(before);
  };

  const literalForms = () => [
    `http://127.0.0.1:${victimPort}/`,
    `http://2130706433:${victimPort}/`,
    `http://0177.0.0.1:${victimPort}/`,
    `http://0x7f.0.0.1:${victimPort}/`,
    `http://0x7f000001:${victimPort}/`,
    `http://127.1:${victimPort}/`,
    `http://[::ffff:127.0.0.1]:${victimPort}/`,
    `http://[::ffff:7f00:1]:${victimPort}/`,
    `http://[::127.0.0.1]:${victimPort}/`,
    `http://[64:ff9b::7f00:1]:${victimPort}/`,
    `http://[::1]:${victimPort}/`,
    `http://0.0.0.0:${victimPort}/`,
    `http://0:${victimPort}/`,
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00::1]/',
    'http://10.0.0.1/',
    'http://192.168.1.1/',
    'http://172.16.0.1/',
    'http://100.64.0.1/',
  ];
  tally.hostileCase(category, 'decimal, octal, hex, short, mapped, compatible, NAT64, unspecified and private IPv4/IPv6 literals', async () => {
    for (const url of literalForms()) await refused(url);
  });
  tally.hostileCase(category, 'localhost names and metadata names', async () => {
    for (const host of ['localhost', 'LOCALHOST.', 'foo.localhost', 'metadata.google.internal', 'metadata', 'instance-data']) {
      await refused(`http://${host}:${victimPort}/`);
    }
  });
  tally.hostileCase(category, 'DNS names resolving to private, loopback, link-local or mixed addresses', async () => {
    const lookup = dns({
      'loopback.test': ['127.0.0.1'],
      'private.test': ['10.1.2.3'],
      'metadata.test': ['169.254.169.254'],
      'ula.test': ['fd12::1'],
      'mapped.test': ['::ffff:127.0.0.1'],
      'mixed.test': ['93.184.216.34', '127.0.0.1'],
    });
    for (const host of ['loopback.test', 'private.test', 'metadata.test', 'ula.test', 'mapped.test', 'mixed.test'])
      await refused(`http://${host}:${victimPort}/`, { lookup });
  });
  tally.hostileCase(category, 'redirects into private addresses, other address forms and other ports of an allowed host', async () => {
    const allowRedirector = { allowHosts: [`127.0.0.1:${redirectorPort}`] };
    for (const target of [
      `http://127.0.0.1:${victimPort}/admin`,
      `http://0x7f000001:${victimPort}/admin`,
      `http://[::ffff:127.0.0.1]:${victimPort}/admin`,
      `http://localhost:${victimPort}/admin`,
      'http://169.254.169.254/latest/meta-data/',
      `file:///etc/passwd`,
      `gopher://127.0.0.1:${victimPort}/`,
    ]) {
      await refused(`http://127.0.0.1:${redirectorPort}/to/${encodeURIComponent(target)}`, allowRedirector);
    }
  });
  tally.hostileCase(category, 'credentials in the URL and non-http schemes', async () => {
    await refused(`http://user:pass@127.0.0.1:${victimPort}/`, { allowHosts: [`127.0.0.1:${victimPort}`] });
    for (const url of ['ftp://example.test/', 'data:text/html,hi', 'javascript:alert(1)']) await refused(url);
  });
  tally.hostileCase(category, 'through a proxy: names that do not resolve here are refused unless the proxy is the boundary', async () => {
    const proxy = { httpProxy: `http://127.0.0.1:${victimPort}` };
    await refused('http://only-the-proxy-knows.test/', { proxy, lookup: dns({}) });
    await refused(`http://127.0.0.1:${victimPort}/`, { proxy, lookup: dns({}) });
    await refused('http://private.test/', { proxy, lookup: dns({ 'private.test': ['10.0.0.1'] }) });
  });
  tally.hostileCase(category, 'an allowed port stays reachable (the guard is not simply closed)', async () => {
    const page = await createSafeFetcher({ respectRobotsTxt: false, allowHosts: [`127.0.0.1:${victimPort}`] }).fetchPage(`http://127.0.0.1:${victimPort}/ok`);
    expect(page.title).toBe('internal');
    reached.length = 0;
  });
}
