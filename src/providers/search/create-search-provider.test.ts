import { describe, expect, it } from 'vitest';
import { FICTIONAL_COMPANY_PAGES } from '../../../test/fixtures/search-standins/fictional-companies.ts';
import { STANDIN_API_KEY } from '../../../test/fixtures/search-standins/search-standin-server.ts';
import { useSearchStandin } from '../../../test/fixtures/search-standins/use-search-standin.ts';
import { SearchError } from '../spec/search.ts';
import { createSearchProvider, SEARCH_PROVIDER_IDS } from './create-search-provider.ts';
import type { SearchProviderSettings } from './create-search-provider.ts';

function configurationErrorOf(settings: SearchProviderSettings): SearchError {
  try {
    createSearchProvider(settings);
  } catch (error) {
    if (error instanceof SearchError) return error;
    throw error;
  }
  throw new Error('Expected createSearchProvider to throw');
}

describe('createSearchProvider', () => {
  const standin = useSearchStandin();

  it('returns null when nothing is configured, so research falls back to crawling', () => {
    expect(createSearchProvider({ provider: null, timeoutMs: 1_000 })).toBeNull();
    expect(createSearchProvider({ provider: null, url: '  ', apiKey: '', timeoutMs: 1_000 })).toBeNull();
  });

  it('infers SearXNG when only a URL is set, and the provider searches that instance', async () => {
    standin().corpus.clear();
    standin().addDocuments(FICTIONAL_COMPANY_PAGES);

    const provider = createSearchProvider({ provider: null, url: standin().baseUrl('searxng'), timeoutMs: 2_000 });

    expect(provider?.providerId).toBe('searxng');
    await expect(provider?.search('acme rockets', { limit: 1 })).resolves.toHaveLength(1);
    expect(standin().callsTo('searxng')).toHaveLength(1);
  });

  it.each(['brave', 'serper', 'tavily', 'exa'] as const)('builds %s with the key, and it searches the stand-in', async (providerId) => {
    standin().corpus.clear();
    standin().addDocuments(FICTIONAL_COMPANY_PAGES);

    const provider = createSearchProvider({ provider: providerId, apiKey: STANDIN_API_KEY, timeoutMs: 2_000, baseUrlOverride: standin().baseUrl(providerId) });

    expect(provider?.providerId).toBe(providerId);
    const results = await provider?.search('acme rockets', { limit: 2 });
    expect(results?.map((result) => result.position)).toEqual([1, 2]);
    expect(
      standin()
        .callsTo(providerId)
        .map((call) => call.status),
    ).toEqual([200]);
  });

  it('uses FATHOM_SEARCH_URL as the API base of a keyed provider (a proxy), unless overridden', async () => {
    const provider = createSearchProvider({ provider: 'serper', apiKey: STANDIN_API_KEY, url: standin().baseUrl('serper'), timeoutMs: 2_000 });
    await provider?.search('acme');
    expect(standin().callsTo('serper')).toHaveLength(1);

    const overridden = createSearchProvider({
      provider: 'serper',
      apiKey: STANDIN_API_KEY,
      url: 'https://proxy.invalid',
      timeoutMs: 2_000,
      baseUrlOverride: standin().baseUrl('serper'),
    });
    await overridden?.search('acme');
    expect(standin().callsTo('serper')).toHaveLength(2);
  });

  it.each(['brave', 'serper', 'tavily', 'exa'] as const)('refuses %s without an API key, naming FATHOM_SEARCH_API_KEY', (providerId) => {
    const error = configurationErrorOf({ provider: providerId, apiKey: '   ', timeoutMs: 1_000 });

    expect(error.code).toBe('not_configured');
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain('FATHOM_SEARCH_API_KEY');
    expect(error.message).toContain(providerId);
  });

  it('refuses SearXNG without a URL, naming FATHOM_SEARCH_URL', () => {
    const error = configurationErrorOf({ provider: 'searxng', timeoutMs: 1_000 });
    expect(error.code).toBe('not_configured');
    expect(error.message).toContain('FATHOM_SEARCH_URL');
  });

  it('refuses a key without a provider instead of silently ignoring it', () => {
    const error = configurationErrorOf({ provider: null, apiKey: 'some-key', timeoutMs: 1_000 });
    expect(error.message).toContain('FATHOM_SEARCH_PROVIDER');
    expect(error.message).not.toContain('some-key');
  });

  it('refuses an unknown provider, listing the known ones', () => {
    const error = configurationErrorOf({ provider: 'bing' as never, timeoutMs: 1_000 });
    expect(error.message).toContain('FATHOM_SEARCH_PROVIDER "bing"');
    expect(error.message).toContain(SEARCH_PROVIDER_IDS.join(', '));
  });

  it('refuses a URL that is not absolute http(s)', () => {
    expect(configurationErrorOf({ provider: null, url: 'searx.local:8080', timeoutMs: 1_000 }).message).toContain('FATHOM_SEARCH_URL');
    expect(configurationErrorOf({ provider: 'searxng', url: 'ftp://searx.local', timeoutMs: 1_000 }).code).toBe('not_configured');
  });

  it('refuses a timeout that is not a positive number', () => {
    expect(configurationErrorOf({ provider: 'searxng', url: 'http://localhost:8080', timeoutMs: 0 }).code).toBe('not_configured');
    expect(configurationErrorOf({ provider: 'searxng', url: 'http://localhost:8080', timeoutMs: Number.NaN }).code).toBe('not_configured');
  });
});
