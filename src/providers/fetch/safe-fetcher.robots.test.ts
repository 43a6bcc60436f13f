import { describe, expect, it } from 'vitest';
import { useFetcherHarness } from '../../../test/fixtures/fixture-web/fetcher-harness.ts';

const harness = useFetcherHarness();

/** A clock tests can move forward. */
function manualClock() {
  let now = Date.parse('2026-03-01T09:00:00Z');
  return { now: () => new Date(now), advance: (milliseconds: number) => (now += milliseconds) };
}

describe('SafeFetcher robots.txt', () => {
  it('refuses a disallowed path without requesting it', async () => {
    const web = harness.web();
    const url = web.urlFor('acme', '/private/board-minutes');
    await expect(harness.fetcher().fetchPage(url)).rejects.toMatchObject({
      code: 'robots_disallowed',
      url,
      isRetryable: false,
      message: expect.stringContaining('disallows /private/board-minutes for FathomBot'),
    });
    expect(web.requestsTo('acme', '/private/board-minutes')).toHaveLength(0);
  });

  it('reads robots.txt once for many pages of a site, sequential or concurrent', async () => {
    const web = harness.web();
    const fetcher = harness.fetcher();
    for (const path of ['/', '/about', '/pricing']) await fetcher.fetchPage(web.urlFor('acme', path));
    await Promise.all(['/careers', '/team', '/contact', '/blog'].map((path) => fetcher.fetchPage(web.urlFor('acme', path))));
    expect(web.requestsTo('acme', '/robots.txt')).toHaveLength(1);
    expect(web.requestsTo('acme')).toHaveLength(8);
  });

  it('shares one robots.txt read between concurrent first fetches', async () => {
    const web = harness.web();
    const fetcher = harness.fetcher();
    await Promise.all(['/', '/about', '/pricing', '/team'].map((path) => fetcher.fetchPage(web.urlFor('acme', path))));
    expect(web.requestsTo('acme', '/robots.txt')).toHaveLength(1);
  });

  it('reads robots.txt again once the cache TTL has passed', async () => {
    const web = harness.web();
    const clock = manualClock();
    const fetcher = harness.fetcher({ now: clock.now, robotsCacheTtlMs: 60_000 });
    await fetcher.fetchPage(web.urlFor('acme', '/'));
    clock.advance(59_000);
    await fetcher.fetchPage(web.urlFor('acme', '/about'));
    clock.advance(2_000);
    await fetcher.fetchPage(web.urlFor('acme', '/pricing'));
    expect(web.requestsTo('acme', '/robots.txt')).toHaveLength(2);
  });

  it('matches rules by the User-Agent product token', async () => {
    const web = harness.web();
    const url = web.urlFor('acme', '/fathom-excluded');
    await expect(harness.fetcher().fetchPage(url)).rejects.toMatchObject({ code: 'robots_disallowed' });
    const page = await harness.fetcher({ userAgent: 'OtherBot/2.0 (+https://other.example/bot)' }).fetchPage(url);
    expect(page.title).toBe('Not for FathomBot');
    expect(web.requestsTo('acme', '/fathom-excluded')[0]?.userAgent).toBe('OtherBot/2.0 (+https://other.example/bot)');
  });

  it('treats a site whose robots.txt answers 503 as closed for now, and asks again later', async () => {
    const web = harness.web();
    const clock = manualClock();
    const fetcher = harness.fetcher({ now: clock.now, robotsUnreachableTtlMs: 30_000 });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expect(fetcher.fetchPage(web.urlFor('umbrella', '/'))).rejects.toMatchObject({
        code: 'robots_disallowed',
        isRetryable: true,
        message: expect.stringContaining('answered 503'),
      });
    }
    expect(web.requestsTo('umbrella', '/robots.txt')).toHaveLength(1);
    clock.advance(31_000);
    await expect(fetcher.fetchPage(web.urlFor('umbrella', '/'))).rejects.toMatchObject({ code: 'robots_disallowed' });
    expect(web.requestsTo('umbrella', '/robots.txt')).toHaveLength(2);
    expect(web.requestsTo('umbrella', '/')).toHaveLength(0);
  });

  it('allows everything when a site has no robots.txt', async () => {
    const page = await harness.fetcher().fetchPage(harness.web().urlFor('initech', '/'));
    expect(page.title).toBe('Initech');
    expect(harness.web().requestsTo('initech', '/robots.txt')).toHaveLength(1);
  });

  it('skips robots.txt entirely when told to', async () => {
    const web = harness.web();
    const page = await harness.fetcher({ respectRobotsTxt: false }).fetchPage(web.urlFor('acme', '/private/board-minutes'));
    expect(page.title).toBe('Board minutes');
    expect(web.requestsTo('acme', '/robots.txt')).toHaveLength(0);
  });
});
