import { describe, expect, it } from 'vitest';
import { FICTIONAL_COMPANY_PAGES } from '../../../test/fixtures/search-standins/fictional-companies.ts';
import { captureSearchError, describeSearchProviderConformance } from '../../../test/fixtures/search-standins/search-provider-conformance.ts';
import { STANDIN_API_KEY } from '../../../test/fixtures/search-standins/search-standin-server.ts';
import { useSearchStandin } from '../../../test/fixtures/search-standins/use-search-standin.ts';
import { BraveSearchProvider } from './brave-search-provider.ts';

describeSearchProviderConformance({
  provider: 'brave',
  create: (standin, { timeoutMs, hasValidCredentials }) =>
    new BraveSearchProvider({ baseUrl: standin.baseUrl('brave'), apiKey: hasValidCredentials ? STANDIN_API_KEY : 'wrong-brave-key', timeoutMs }),
  wrongCredential: 'wrong-brave-key',
  credentialVariable: 'FATHOM_SEARCH_API_KEY',
  providesPublishedDates: true,
  sendsLimit: true,
  usesDomainParameter: false,
});

describe('BraveSearchProvider wire format', () => {
  const standin = useSearchStandin();
  const create = (): BraveSearchProvider => new BraveSearchProvider({ baseUrl: standin().baseUrl('brave'), apiKey: STANDIN_API_KEY, timeoutMs: 2_000 });

  it('sends GET /res/v1/web/search with q, count and the X-Subscription-Token header', async () => {
    standin().addDocuments(FICTIONAL_COMPANY_PAGES);

    await create().search('acme rockets');

    const call = standin().calls[0];
    expect(call?.method).toBe('GET');
    expect(call?.path).toBe('/res/v1/web/search');
    expect(call?.query).toEqual({ q: 'acme rockets', count: '10' });
    expect(call?.headers['x-subscription-token']).toBe(STANDIN_API_KEY);
    expect(call?.headers['accept']).toBe('application/json');
    expect(call?.status).toBe(200);
  });

  it('caps count at 20, the most Brave accepts', async () => {
    await create().search('acme', { limit: 50 });

    expect(standin().calls[0]?.query['count']).toBe('20');
    expect(standin().calls[0]?.status).toBe(200);
  });

  it('treats a 422 that is not about the token as bad_request, with Brave detail', async () => {
    standin().failNext({ kind: 'status', status: 422, message: 'Unable to validate request parameter(s)' });

    const error = await captureSearchError(create().search('acme'));

    expect(error.code).toBe('bad_request');
    expect(error.message).toContain('VALIDATION: Unable to validate request parameter(s)');
  });

  it('prefers Retry-After over X-RateLimit-Reset when both are sent', async () => {
    standin().failNext({ kind: 'status', status: 429, headers: { 'retry-after': '7', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' } });

    const error = await captureSearchError(create().search('acme'));

    expect(error.retryAfterMs).toBe(7_000);
  });

  it('reads no web section as no results', async () => {
    standin().failNext({ kind: 'raw', status: 200, body: '{"type":"search","query":{"original":"acme"}}' });

    await expect(create().search('acme')).resolves.toEqual([]);
  });
});
