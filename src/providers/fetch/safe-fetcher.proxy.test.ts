import { createServer, request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { METADATA_URL } from '../../../test/fixtures/fixture-web/index.ts';
import type { HostLookup } from './destination-guard.ts';
import { useFetcherHarness } from '../../../test/fixtures/fixture-web/fetcher-harness.ts';

/**
 * A forward proxy stand-in on 127.0.0.1: it tunnels CONNECT requests and forwards absolute-form
 * requests, but only to `*.test` names, which it "resolves" to 127.0.0.1 itself. It records the
 * target of every request it receives.
 */
async function startProxyStandIn(): Promise<{ url: string; targets: string[]; close(): Promise<void> }> {
  const targets: string[] = [];
  const sockets = new Set<Socket>();
  const targetPort = (hostAndPort: string): number | null => {
    const match = /^([a-z0-9.-]+\.test):(\d+)$/i.exec(hostAndPort);
    return match ? Number(match[2]) : null;
  };
  const server: Server = createServer((request, response) => {
    const target = new URL(request.url ?? '');
    targets.push(target.host);
    const port = targetPort(target.host);
    if (!port) return void response.writeHead(403).end('proxy refuses this target');
    const upstream = httpRequest(
      { host: '127.0.0.1', port, method: request.method, path: target.pathname + target.search, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    request.pipe(upstream);
  });
  server.on('connect', (request, client: Socket, head: Buffer) => {
    targets.push(request.url ?? '');
    sockets.add(client);
    const port = targetPort(request.url ?? '');
    if (!port) return void client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    const closeBoth = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', closeBoth);
    client.on('error', closeBoth);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    targets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const harness = useFetcherHarness();
let proxy: Awaited<ReturnType<typeof startProxyStandIn>>;
beforeAll(async () => {
  proxy = await startProxyStandIn();
});
afterAll(async () => {
  await proxy.close();
});

/** A resolver that knows only the names given; the rest only the proxy can resolve. */
function localLookup(table: Record<string, string> = {}) {
  return vi.fn<HostLookup>(async (hostname) => {
    const address = table[hostname];
    if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return [{ address, family: 4 }];
  });
}

describe('SafeFetcher through a proxy', () => {
  it('refuses names this machine cannot resolve unless the proxy is declared the SSRF boundary', async () => {
    proxy.targets.length = 0;
    const web = harness.web();
    const fetcher = harness.fetcher({ lookup: localLookup(), allowHosts: [], proxy: { httpProxy: proxy.url } });
    await expect(fetcher.fetchPage(web.urlFor('acme', '/about'))).rejects.toMatchObject({
      code: 'blocked_address',
      message: expect.stringContaining('FATHOM_PROXY_IS_SSRF_BOUNDARY=true'),
    });
    expect(proxy.targets).toEqual([]);
  });

  it('sends names this machine cannot resolve through a proxy that is the SSRF boundary, robots.txt included', async () => {
    proxy.targets.length = 0;
    const web = harness.web();
    const fetcher = harness.fetcher({ lookup: localLookup(), allowHosts: [], proxy: { httpProxy: proxy.url }, isProxySsrfBoundary: true });
    const page = await fetcher.fetchPage(web.urlFor('acme', '/about'));
    expect(page.title).toBe('About Acme Robotics');
    expect(proxy.targets).toContain(web.hostFor('acme'));
    expect(web.requestsTo('acme').map((entry) => entry.path)).toEqual(['/robots.txt', '/about']);
  });

  it('connects directly to NO_PROXY hosts, through the local checks', async () => {
    proxy.targets.length = 0;
    const web = harness.web();
    const fetcher = harness.fetcher({ lookup: web.lookup, allowHosts: ['127.0.0.1'], proxy: { httpProxy: proxy.url, noProxy: 'initech.test' } });
    const page = await fetcher.fetchPage(web.urlFor('initech', '/'));
    expect(page.title).toBe('Initech');
    expect(proxy.targets).toEqual([]);
  });

  it('still refuses private IP literals and names that resolve locally to private addresses', async () => {
    proxy.targets.length = 0;
    const fetcher = harness.fetcher({ lookup: localLookup({ 'intranet.test': '10.0.0.1' }), allowHosts: [], proxy: { httpProxy: proxy.url } });
    await expect(fetcher.fetchPage('http://10.0.0.1/')).rejects.toMatchObject({ code: 'blocked_address' });
    await expect(fetcher.fetchPage(`http://intranet.test:${harness.web().port}/`)).rejects.toMatchObject({
      code: 'blocked_address',
      message: expect.stringContaining('intranet.test resolves to 10.0.0.1'),
    });
    await expect(fetcher.fetchPage('http://metadata.google.internal/')).rejects.toMatchObject({ code: 'blocked_address' });
    expect(proxy.targets).toEqual([]);
  });

  it('re-checks redirect hops when going through the proxy', async () => {
    proxy.targets.length = 0;
    const web = harness.web();
    const fetcher = harness.fetcher({ lookup: localLookup(), allowHosts: [], proxy: { httpProxy: proxy.url }, isProxySsrfBoundary: true });
    await expect(fetcher.fetchPage(web.urlFor('edge-cases', '/redirect-to-metadata'))).rejects.toMatchObject({
      code: 'blocked_address',
      url: METADATA_URL,
    });
    expect(proxy.targets.every((target) => target === web.hostFor('edge-cases'))).toBe(true);
  });

  it('reports a proxy that refuses the target as a network error', async () => {
    const fetcher = harness.fetcher({
      lookup: localLookup(),
      allowHosts: [],
      proxy: { httpProxy: proxy.url },
      respectRobotsTxt: false,
      isProxySsrfBoundary: true,
    });
    await expect(fetcher.fetchPage('http://www.example.com/')).rejects.toMatchObject({
      code: 'network_error',
      isRetryable: false,
      message: "the proxy refused to connect to www.example.com (status 403); check the proxy's rules for this site",
    });
  });
});
