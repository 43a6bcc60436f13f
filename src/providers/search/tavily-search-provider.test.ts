import { describe, expect, it } from 'vitest';
import { FICTIONAL_COMPANY_PAGES } from '../../../test/fixtures/search-standins/fictional-companies.ts';
import { captureSearchError, describeSearchProviderConformance } from '../../../test/fixtures/search-standins/search-provider-conformance.ts';
import { STANDIN_API_KEY } from '../../../test/fixtures/search-standins/search-standin-server.ts';
import { useSearchStandin } from '../../../test/fixtures/search-standins/use-search-standin.ts';
import { TavilySearchProvider } from './tavily-search-provider.ts';

describeSearchProviderConformance({
  provider: 'tavily',
  create: (standin, { timeoutMs, hasValidCredentials }) =>
    new TavilySearchProvider({ baseUrl: standin.baseUrl('tavily'), apiKey: hasValidCredentials ? STANDIN_API_KEY : 'tvly-wrong-key', timeoutMs }),
  wrongCredential: 'tvly-wrong-key',
  credentialVariable: 'FATHOM_SEARCH_API_KEY',
  // Tavily dates results only for topic "news"; Fathom runs general web searches.
  providesPublishedDates: false,
  sendsLimit: true,
  usesDomainParameter: true,
});

describe('TavilySearchProvider wire format', () => {
  const standin = useSearchStandin();
  const create = (settings: Partial<{ searchDepth: 'basic' | 'advanced' }> = {}): TavilySearchProvider =>
    new TavilySearchProvider({ baseUrl: standin().baseUrl('tavily'), apiKey: STANDIN_API_KEY, timeoutMs: 2_000, ...settings });

  it('sends POST /search with a Bearer key and {query, max_results, search_depth, include_domains}', async () => {
    standin().addDocuments(FICTIONAL_COMPANY_PAGES);

    await create().search('acme rockets', { limit: 4, site: 'acme-rockets.example' });

    const call = standin().calls[0];
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe('/search');
    expect(call?.headers['authorization']).toBe(`Bearer ${STANDIN_API_KEY}`);
    // The key travels in the header only, not also in the legacy api_key body field.
    expect(call?.body).toEqual({ query: 'acme rockets', max_results: 4, search_depth: 'basic', include_domains: ['acme-rockets.example'] });
  });

  it('sends the configured search depth and caps max_results at 20', async () => {
    await create({ searchDepth: 'advanced' }).search('acme', { limit: 30 });

    expect(standin().calls[0]?.body).toMatchObject({ max_results: 20, search_depth: 'advanced' });
    expect(standin().calls[0]?.status).toBe(200);
  });

  it('reports the plan limit (HTTP 432) as rate_limited that retrying will not fix', async () => {
    standin().failNext({ kind: 'status', status: 432, message: 'This request exceeds your plan limit.' });

    const error = await captureSearchError(create().search('acme'));

    expect(error.code).toBe('rate_limited');
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain('This request exceeds your plan limit.');
  });

  it('reads published_date when Tavily sends one', async () => {
    standin().failNext({
      kind: 'raw',
      status: 200,
      body: JSON.stringify({
        results: [{ url: 'https://news.example/a', title: 'A', content: 'x', score: 0.9, published_date: 'Sat, 01 Jun 2024 09:30:00 GMT' }],
      }),
    });

    const [result] = await create().search('acme');

    expect(result?.publishedAt).toBe('2024-06-01T09:30:00.000Z');
  });
});
