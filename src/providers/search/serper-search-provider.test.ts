import { describe, expect, it } from 'vitest';
import { FICTIONAL_COMPANY_PAGES } from '../../../test/fixtures/search-standins/fictional-companies.ts';
import { captureSearchError, describeSearchProviderConformance } from '../../../test/fixtures/search-standins/search-provider-conformance.ts';
import { STANDIN_API_KEY } from '../../../test/fixtures/search-standins/search-standin-server.ts';
import { useSearchStandin } from '../../../test/fixtures/search-standins/use-search-standin.ts';
import { SerperSearchProvider } from './serper-search-provider.ts';

describeSearchProviderConformance({
  provider: 'serper',
  create: (standin, { timeoutMs, hasValidCredentials }) =>
    new SerperSearchProvider({ baseUrl: standin.baseUrl('serper'), apiKey: hasValidCredentials ? STANDIN_API_KEY : 'wrong-serper-key', timeoutMs }),
  wrongCredential: 'wrong-serper-key',
  credentialVariable: 'FATHOM_SEARCH_API_KEY',
  providesPublishedDates: true,
  sendsLimit: true,
  usesDomainParameter: false,
});

describe('SerperSearchProvider wire format', () => {
  const standin = useSearchStandin();
  const create = (): SerperSearchProvider => new SerperSearchProvider({ baseUrl: standin().baseUrl('serper'), apiKey: STANDIN_API_KEY, timeoutMs: 2_000 });

  it('sends POST /search with JSON {q, num} and the X-API-KEY header', async () => {
    standin().addDocuments(FICTIONAL_COMPANY_PAGES);

    await create().search('acme rockets', { limit: 5, site: 'acme-rockets.example' });

    const call = standin().calls[0];
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe('/search');
    expect(call?.body).toEqual({ q: 'acme rockets site:acme-rockets.example', num: 5 });
    expect(call?.headers['x-api-key']).toBe(STANDIN_API_KEY);
    expect(call?.headers['content-type']).toBe('application/json');
  });

  it('maps the 403 Serper answers for a bad key to authentication', async () => {
    const provider = new SerperSearchProvider({ baseUrl: standin().baseUrl('serper'), apiKey: 'expired-key', timeoutMs: 2_000 });

    const error = await captureSearchError(provider.search('acme'));

    expect(error.status).toBe(403);
    expect(error.message).toContain('Unauthorized.');
  });

  it('reads no organic section as no results', async () => {
    standin().failNext({ kind: 'raw', status: 200, body: '{"searchParameters":{"q":"acme"}}' });

    await expect(create().search('acme')).resolves.toEqual([]);
  });
});
