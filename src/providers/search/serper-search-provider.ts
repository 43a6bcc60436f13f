/**
 * Serper, Google results as JSON (https://serper.dev).
 *
 * Request:  POST {baseUrl}/search, JSON `{q, num}`, header `X-API-KEY: <key>`.
 * Relies on: `organic[]` with `link`, `title`, `snippet`, `date` ("Mar 5, 2024", optional).
 *            `position` is not used: positions are renumbered after filtering. No `organic`
 *            key means no results.
 * Errors:   `{message, statusCode}`. A bad key is HTTP 403 `{"message":"Unauthorized."}`.
 * Limits:   `num` up to 100. No domain parameter: `site:` goes in `q`.
 */
import type { SearchOptions, SearchProvider, SearchResult } from '../spec/search.ts';
import { readResultList } from './json-shape.ts';
import { normalizeSearchResults } from './normalize-search-results.ts';
import { requestSearchJson } from './request-search-json.ts';
import { SEARCH_CONFIGURATION_VARIABLES } from './search-configuration-variables.ts';
import { resolveEndpoint } from './search-endpoint.ts';
import type { SearchProviderDescription } from './search-http-error.ts';
import { prepareSearch, withSiteOperator } from './search-request-options.ts';

/** Serper's public endpoint. */
export const SERPER_BASE_URL = 'https://google.serper.dev';
const MAXIMUM_LIMIT = 100;

/** Settings of {@link SerperSearchProvider}. */
export interface SerperSearchSettings {
  /** Serper API key. */
  apiKey: string;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Defaults to {@link SERPER_BASE_URL}. */
  baseUrl?: string;
}

/** Searches Google through Serper. */
export class SerperSearchProvider implements SearchProvider {
  /** Always `serper`. */
  readonly providerId = 'serper';
  readonly #settings: SerperSearchSettings;
  readonly #description: SearchProviderDescription;

  constructor(settings: SerperSearchSettings) {
    this.#settings = settings;
    this.#description = {
      providerId: this.providerId,
      label: 'Serper',
      credentialAdvice: `Set ${SEARCH_CONFIGURATION_VARIABLES.apiKey} to a valid Serper API key (serper.dev/api-key).`,
      secrets: [settings.apiKey],
    };
  }

  /** {@inheritDoc SearchProvider.search} */
  async search(query: string, options?: SearchOptions): Promise<SearchResult[]> {
    const search = prepareSearch(this.providerId, query, options, MAXIMUM_LIMIT);
    const body = await requestSearchJson({
      provider: this.#description,
      url: resolveEndpoint(this.#settings.baseUrl ?? SERPER_BASE_URL, '/search'),
      method: 'POST',
      headers: { 'x-api-key': this.#settings.apiKey },
      jsonBody: { q: withSiteOperator(search), num: search.limit },
      timeoutMs: this.#settings.timeoutMs,
      signal: search.signal,
    });
    const items = readResultList(this.providerId, 'Serper', body, ['organic'], true);
    return normalizeSearchResults(
      items.map((item) => ({ url: item['link'], title: item['title'], snippet: item['snippet'], publishedAt: item['date'] })),
      search,
    );
  }
}
