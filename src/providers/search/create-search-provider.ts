import { SearchError } from '../spec/search.ts';
import type { SearchProvider } from '../spec/search.ts';
import { BraveSearchProvider } from './brave-search-provider.ts';
import { ExaSearchProvider } from './exa-search-provider.ts';
import { SEARCH_CONFIGURATION_VARIABLES } from './search-configuration-variables.ts';
import { assertHttpUrl } from './search-endpoint.ts';
import { SearxngSearchProvider } from './searxng-search-provider.ts';
import { SerperSearchProvider } from './serper-search-provider.ts';
import { TavilySearchProvider } from './tavily-search-provider.ts';

/** Ids of the search providers Fathom ships. */
export const SEARCH_PROVIDER_IDS = ['searxng', 'brave', 'serper', 'tavily', 'exa'] as const;

/** One of {@link SEARCH_PROVIDER_IDS}. */
export type SearchProviderId = (typeof SEARCH_PROVIDER_IDS)[number];

/** Search settings as config.ts reads them from the environment. */
export interface SearchProviderSettings {
  /** `FATHOM_SEARCH_PROVIDER`; null when unset (then inferred from `url`, or no search). */
  provider: SearchProviderId | null;
  /** `FATHOM_SEARCH_URL`: the SearXNG instance, or a proxy in front of another provider's API. */
  url?: string;
  /** `FATHOM_SEARCH_API_KEY`: required by every provider but SearXNG. */
  apiKey?: string;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Replaces both `url` and the provider's public endpoint; for tests against a stand-in. */
  baseUrlOverride?: string;
}

const { provider: PROVIDER_VARIABLE, url: URL_VARIABLE, apiKey: API_KEY_VARIABLE } = SEARCH_CONFIGURATION_VARIABLES;

/**
 * Builds the configured search provider, or returns null when none is configured (research then
 * falls back to crawling the company's own site). A provider is inferred as `searxng` when only a
 * URL is set. Incomplete settings throw a `not_configured` {@link SearchError} naming the variable.
 */
export function createSearchProvider(settings: SearchProviderSettings): SearchProvider | null {
  const url = blankToUndefined(settings.url);
  const apiKey = blankToUndefined(settings.apiKey);
  const provider = settings.provider ?? (url === undefined ? null : 'searxng');
  if (provider === null) {
    // A key without a provider is a half-done setup; ignoring it would silently disable search.
    if (apiKey !== undefined) {
      throw configurationError(`${API_KEY_VARIABLE} is set but ${PROVIDER_VARIABLE} is not; set it to one of ${SEARCH_PROVIDER_IDS.join(', ')}.`);
    }
    return null;
  }
  if (!(SEARCH_PROVIDER_IDS as readonly string[]).includes(provider)) {
    throw configurationError(`${PROVIDER_VARIABLE} "${String(provider)}" is not a search provider; use one of ${SEARCH_PROVIDER_IDS.join(', ')}.`);
  }
  if (!Number.isFinite(settings.timeoutMs) || settings.timeoutMs <= 0) {
    throw configurationError(`Search timeout must be a positive number of milliseconds, got ${settings.timeoutMs}.`);
  }
  if (url !== undefined) assertHttpUrl(url, URL_VARIABLE);
  const baseUrl = settings.baseUrlOverride ?? url;
  const timeoutMs = settings.timeoutMs;
  if (provider === 'searxng') {
    if (baseUrl === undefined) {
      throw configurationError(`${PROVIDER_VARIABLE}=searxng needs ${URL_VARIABLE}, the address of the SearXNG instance (for example http://localhost:8080).`);
    }
    return new SearxngSearchProvider({ baseUrl, timeoutMs });
  }
  if (apiKey === undefined) {
    throw configurationError(`${PROVIDER_VARIABLE}=${provider} needs an API key: set ${API_KEY_VARIABLE}.`);
  }
  const keyedSettings = { apiKey, timeoutMs, ...(baseUrl === undefined ? {} : { baseUrl }) };
  switch (provider) {
    case 'brave':
      return new BraveSearchProvider(keyedSettings);
    case 'serper':
      return new SerperSearchProvider(keyedSettings);
    case 'tavily':
      return new TavilySearchProvider(keyedSettings);
    case 'exa':
      return new ExaSearchProvider(keyedSettings);
  }
}

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function configurationError(message: string): SearchError {
  return new SearchError({ code: 'not_configured', message });
}
