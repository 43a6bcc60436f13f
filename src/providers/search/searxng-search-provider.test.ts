import { describe, expect, it } from 'vitest';
import { captureSearchError, describeSearchProviderConformance } from '../../../test/fixtures/search-standins/search-provider-conformance.ts';
import { FICTIONAL_COMPANY_PAGES } from '../../../test/fixtures/search-standins/fictional-companies.ts';
import { SEARXNG_STANDIN_PAGE_SIZE } from '../../../test/fixtures/search-standins/searxng-standin-route.ts';
import { useSearchStandin } from '../../../test/fixtures/search-standins/use-search-standin.ts';
import { SearxngSearchProvider } from './searxng-search-provider.ts';

describeSearchProviderConformance({
  provider: 'searxng',
  // Exercised behind a Basic-auth proxy, the only credentials a SearXNG instance has.
  standinOptions: { searxngBasicAuth: { username: 'fathom', password: 'proxy-secret' } },
  create: (standin, { timeoutMs, hasValidCredentials }) => {
    const url = new URL(standin.baseUrl('searxng'));
    url.username = 'fathom';
    url.password = hasValidCredentials ? 'proxy-secret' : 'wrong-secret';
    return new SearxngSearchProvider({ baseUrl: url.href, timeoutMs });
  },
  wrongCredential: 'wrong-secret',
  credentialVariable: 'FATHOM_SEARCH_URL',
  providesPublishedDates: true,
  sendsLimit: false,
  usesDomainParameter: false,
});

describe('SearxngSearchProvider wire format', () => {
  const standin = useSearchStandin();
  const create = (settings: Partial<{ baseUrl: string; language: string }> = {}): SearxngSearchProvider =>
    new SearxngSearchProvider({ baseUrl: standin().baseUrl('searxng'), timeoutMs: 2_000, ...settings });

  const addWidgetPages = (count: number): void => {
    standin().corpus.clear();
    for (let index = 1; index <= count; index += 1) {
      standin().addDocument({ url: `https://widgets.example/page-${index}`, title: `Widget ${index}`, text: 'widget catalogue' });
    }
  };

  it('sends GET /search with q, format=json, pageno and language, and no credentials for a plain URL', async () => {
    standin().addDocuments(FICTIONAL_COMPANY_PAGES);

    await create({ language: 'en-US' }).search('acme rockets', { limit: 3 });

    const call = standin().calls[0];
    expect(call?.method).toBe('GET');
    expect(call?.path).toBe('/search');
    expect(call?.query).toEqual({ q: 'acme rockets', format: 'json', pageno: '1', language: 'en-US' });
    expect(call?.headers['authorization']).toBeUndefined();
  });

  it('fetches further pages until the limit is reached, as SearXNG has no count parameter', async () => {
    addWidgetPages(25);

    const results = await create().search('widget', { limit: 15 });

    expect(results).toHaveLength(15);
    expect(results.map((result) => result.position)).toEqual(Array.from({ length: 15 }, (_, index) => index + 1));
    expect(results[SEARXNG_STANDIN_PAGE_SIZE]?.url).toBe(`https://widgets.example/page-${SEARXNG_STANDIN_PAGE_SIZE + 1}`);
    expect(standin().calls.map((call) => call.query['pageno'])).toEqual(['1', '2']);
  });

  it('stops paging at the first empty page', async () => {
    addWidgetPages(3);

    const results = await create().search('widget', { limit: 20 });

    expect(results).toHaveLength(3);
    expect(standin().calls.map((call) => call.query['pageno'])).toEqual(['1', '2']);
  });

  it('enforces the site filter itself when the engines ignore site:', async () => {
    standin().corpus.clear();
    standin().addDocuments(FICTIONAL_COMPANY_PAGES);
    standin().setIgnoreSiteFilters(true);

    const results = await create().search('acme rockets', { site: 'acme-rockets.example' });

    expect(results.map((result) => new URL(result.url).hostname)).toEqual(['acme-rockets.example', 'acme-rockets.example', 'blog.acme-rockets.example']);
  });

  it('accepts an instance URL that already ends in /search', async () => {
    standin().addDocuments(FICTIONAL_COMPANY_PAGES);

    await create({ baseUrl: `${standin().baseUrl('searxng')}/search/` }).search('acme', { limit: 1 });

    expect(standin().calls[0]?.path).toBe('/search');
  });

  it('explains a 403 as the JSON format not being enabled on the instance', async () => {
    standin().failNext({ kind: 'status', status: 403, message: 'Forbidden' });

    const error = await captureSearchError(create().search('acme'));

    expect(error.code).toBe('bad_request');
    expect(error.message).toContain('search.formats');
    expect(error.message).toContain('FATHOM_SEARCH_URL');
  });

  it('reports an answer without a results list as invalid_response', async () => {
    standin().failNext({ kind: 'raw', status: 200, body: '{"query":"acme"}' });

    const error = await captureSearchError(create().search('acme'));

    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('`results`');
  });
});
