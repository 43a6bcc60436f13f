import { describe, expect, it } from 'vitest';
import { METADATA_URL } from '../../../test/fixtures/fixture-web/index.ts';
import { useFetcherHarness } from '../../../test/fixtures/fixture-web/fetcher-harness.ts';

const harness = useFetcherHarness();

describe('SafeFetcher redirects', () => {
  it('follows up to five redirects and lists every URL that redirected', async () => {
    const web = harness.web();
    const page = await harness.fetcher().fetchPage(web.urlFor('edge-cases', '/redirect-chain/5'));
    expect(page.finalUrl).toBe(web.urlFor('edge-cases', '/redirect-chain/0'));
    expect(page.requestedUrl).toBe(web.urlFor('edge-cases', '/redirect-chain/5'));
    expect(page.redirects).toEqual([5, 4, 3, 2, 1].map((step) => web.urlFor('edge-cases', `/redirect-chain/${step}`)));
    expect(page.text).toBe('You made it.');
  });

  it('fails on the sixth redirect without following it', async () => {
    const web = harness.web();
    await expect(harness.fetcher().fetchPage(web.urlFor('edge-cases', '/redirect-chain/6'))).rejects.toMatchObject({
      code: 'too_many_redirects',
      isRetryable: false,
      message: expect.stringContaining('redirected more than 5 times'),
    });
    const chainRequests = web.requestsTo('edge-cases').filter((entry) => entry.path.startsWith('/redirect-chain/'));
    expect(chainRequests.map((entry) => entry.path)).toEqual([6, 5, 4, 3, 2, 1].map((step) => `/redirect-chain/${step}`));
  });

  it('honours a lower maxRedirects', async () => {
    await expect(harness.fetcher({ maxRedirects: 0 }).fetchPage(harness.web().urlFor('edge-cases', '/redirect-chain/1'))).rejects.toMatchObject({
      code: 'too_many_redirects',
    });
  });

  it('refuses a redirect to the cloud metadata address at that hop', async () => {
    const web = harness.web();
    const from = web.urlFor('edge-cases', '/redirect-to-metadata');
    await expect(harness.fetcher().fetchPage(from)).rejects.toMatchObject({
      code: 'blocked_address',
      url: METADATA_URL,
      message: `refused to follow the redirect from ${from} to ${METADATA_URL}: 169.254.169.254 is a link-local address (where cloud metadata services live); add it to FATHOM_FETCH_ALLOW_HOSTS to allow it`,
    });
    expect(web.requestLog.map((entry) => entry.path)).toEqual(['/robots.txt', '/redirect-to-metadata']);
  });

  it('refuses a redirect to another scheme', async () => {
    await expect(harness.fetcher().fetchPage(harness.web().urlFor('edge-cases', '/redirect-to-ftp'))).rejects.toMatchObject({
      code: 'invalid_url',
      message: expect.stringContaining('not ftp: (reached by a redirect from'),
    });
  });

  it('checks the robots.txt of the origin a redirect leads to', async () => {
    const web = harness.web();
    await expect(harness.fetcher().fetchPage(web.urlFor('edge-cases', '/redirect-to-acme-private'))).rejects.toMatchObject({
      code: 'robots_disallowed',
      url: web.urlFor('acme', '/private/board-minutes'),
    });
    expect(web.requestsTo('acme').map((entry) => entry.path)).toEqual(['/robots.txt']);
  });
});
