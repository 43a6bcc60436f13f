import { describe, expect, it } from 'vitest';
import { FICTIONAL_COMPANY_PAGES } from '../../../test/fixtures/search-standins/fictional-companies.ts';
import { captureSearchError, describeSearchProviderConformance } from '../../../test/fixtures/search-standins/search-provider-conformance.ts';
import { STANDIN_API_KEY } from '../../../test/fixtures/search-standins/search-standin-server.ts';
import { useSearchStandin } from '../../../test/fixtures/search-standins/use-search-standin.ts';
import { ExaSearchProvider } from './exa-search-provider.ts';

describeSearchProviderConformance({
  provider: 'exa',
  create: (standin, { timeoutMs, hasValidCredentials }) =>
    new ExaSearchProvider({ baseUrl: standin.baseUrl('exa'), apiKey: hasValidCredentials ? STANDIN_API_KEY : 'wrong-exa-key', timeoutMs }),
  wrongCredential: 'wrong-exa-key',
  credentialVariable: 'FATHOM_SEARCH_API_KEY',
  providesPublishedDates: true,
  sendsLimit: true,
  usesDomainParameter: true,
});

describe('ExaSearchProvider wire format', () => {
  const standin = useSearchStandin();
  const create = (): ExaSearchProvider => new ExaSearchProvider({ baseUrl: standin().baseUrl('exa'), apiKey: STANDIN_API_KEY, timeoutMs: 2_000 });

  it('sends POST /search with x-api-key and {query, numResults, includeDomains, contents.highlights}', async () => {
    standin().addDocuments(FICTIONAL_COMPANY_PAGES);

    await create().search('acme rockets', { limit: 3, site: 'acme-rockets.example' });

    const call = standin().calls[0];
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe('/search');
    expect(call?.headers['x-api-key']).toBe(STANDIN_API_KEY);
    expect(call?.body).toEqual({ query: 'acme rockets', numResults: 3, includeDomains: ['acme-rockets.example'], contents: { highlights: true } });
  });

  it('falls back to text, then summary, when a result has no highlights', async () => {
    standin().failNext({
      kind: 'raw',
      status: 200,
      body: JSON.stringify({
        requestId: 'r',
        results: [
          { url: 'https://a.example/', title: null, text: '  Full page text.  ', highlights: [] },
          { url: 'https://b.example/', title: 'B', summary: 'A summary.' },
        ],
      }),
    });

    const results = await create().search('acme');

    expect(results.map((result) => [result.title, result.snippet])).toEqual([
      ['a.example', 'Full page text.'],
      ['B', 'A summary.'],
    ]);
  });

  it('reports used-up credits (HTTP 402) as authentication with what to do', async () => {
    standin().failNext({ kind: 'status', status: 402, message: 'You have run out of credits' });

    const error = await captureSearchError(create().search('acme'));

    expect(error.code).toBe('authentication');
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain('You have run out of credits');
    expect(error.message).toContain('dashboard.exa.ai');
  });
});
