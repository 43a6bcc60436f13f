import { describe, expect, it } from 'vitest';
import type { FixtureSite } from '../../../test/fixtures/fixture-web/index.ts';
import { useFetcherHarness } from '../../../test/fixtures/fixture-web/fetcher-harness.ts';

// Two tiny sites whose only page answers after a delay, so concurrent requests overlap.
const slowSite = (name: string): FixtureSite => ({
  name,
  robotsTxt: 'User-agent: *\nDisallow:\n',
  pages: [
    {
      path: '/slow',
      respond: async ({ response }) => {
        await new Promise((resolve) => setTimeout(resolve, 60));
        response.writeHead(200, { 'content-type': 'text/plain' }).end(`${name} answered`);
      },
    },
  ],
});

const harness = useFetcherHarness({ sites: [slowSite('north'), slowSite('south')] });

function fetchMany(fetcher: ReturnType<typeof harness.fetcher>, site: string, count: number) {
  return Array.from({ length: count }, (_, index) => fetcher.fetchPage(harness.web().urlFor(site, `/slow?request=${index}`)));
}

describe('SafeFetcher per-host concurrency', () => {
  it.each([1, 2, 3])('never has more than %i requests in flight to one host, and reaches that many', async (limit) => {
    const pages = await Promise.all(fetchMany(harness.fetcher({ perHostConcurrency: limit }), 'north', 8));
    expect(pages.every((page) => page.text === 'north answered')).toBe(true);
    expect(harness.web().maxInFlight('north')).toBe(limit);
  });

  it('defaults to two per host', async () => {
    await Promise.all(fetchMany(harness.fetcher(), 'north', 6));
    expect(harness.web().maxInFlight('north')).toBe(2);
  });

  it('limits each host separately', async () => {
    const fetcher = harness.fetcher({ perHostConcurrency: 1 });
    await Promise.all([...fetchMany(fetcher, 'north', 3), ...fetchMany(fetcher, 'south', 3)]);
    const web = harness.web();
    expect(web.maxInFlight('north')).toBe(1);
    expect(web.maxInFlight('south')).toBe(1);
    // Serial per host but parallel across hosts: south's first page arrives while north is still busy.
    const northPages = web.requestsTo('north').filter((entry) => entry.path.startsWith('/slow'));
    const southPages = web.requestsTo('south').filter((entry) => entry.path.startsWith('/slow'));
    expect(southPages[0]?.receivedAt).toBeLessThan(northPages.at(-1)?.receivedAt ?? 0);
  });
});
