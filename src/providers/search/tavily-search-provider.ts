/**
 * Tavily Search (https://docs.tavily.com/documentation/api-reference/endpoint/search).
 *
 * Request:  POST {baseUrl}/search, JSON `{query, max_results, search_depth, include_domains?}`,
 *           header `Authorization: Bearer <key>`. The legacy `api_key` body field is still
 *           accepted by the API but not sent: the key travels in one place only.
 * Relies on: `results[]` with `url`, `title`, `content` (snippet), `published_date` (only for the
 *            news topic). `score` is not used: the order of the list is kept.
 * Errors:   `{detail: {error}}`. 401 bad key; 432 plan limit and 433 pay-as-you-go limit
 *           exceeded (reported as non-retryable `rate_limited`).
 * Limits:   `max_results` up to 20. The site filter uses `include_domains`.
 */
import type { SearchOptions, SearchProvider, SearchResult } from '../spec/search.ts';
import { readResultList } from './json-shape.ts';
import { normalizeSearchResults } from './normalize-search-results.ts';
import { requestSearchJson } from './request-search-json.ts';
import { SEARCH_CONFIGURATION_VARIABLES } from './search-configuration-variables.ts';
import { resolveEndpoint } from './search-endpoint.ts';
import type { SearchProviderDescription } from './search-http-error.ts';
import { prepareSearch } from './search-request-options.ts';

/** Tavily's public endpoint. */
export const TAVILY_BASE_URL = 'https://api.tavily.com';
const MAXIMUM_LIMIT = 20;

/** Settings of {@link TavilySearchProvider}. */
export interface TavilySearchSettings {
  /** Tavily API key (`tvly-…`). */
  apiKey: string;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Defaults to {@link TAVILY_BASE_URL}. */
  baseUrl?: string;
  /** `advanced` costs two credits per call; defaults to `basic`. */
  searchDepth?: 'basic' | 'advanced';
}

/** Searches with Tavily. */
export class TavilySearchProvider implements SearchProvider {
  /** Always `tavily`. */
  readonly providerId = 'tavily';
  readonly #settings: TavilySearchSettings;
  readonly #description: SearchProviderDescription;

  constructor(settings: TavilySearchSettings) {
    this.#settings = settings;
    this.#description = {
      providerId: this.providerId,
      label: 'Tavily',
      credentialAdvice: `Set ${SEARCH_CONFIGURATION_VARIABLES.apiKey} to a valid Tavily API key (app.tavily.com).`,
      secrets: [settings.apiKey],
    };
  }

  /** {@inheritDoc SearchProvider.search} */
  async search(query: string, options?: SearchOptions): Promise<SearchResult[]> {
    const search = prepareSearch(this.providerId, query, options, MAXIMUM_LIMIT);
    const body = await requestSearchJson({
      provider: this.#description,
      url: resolveEndpoint(this.#settings.baseUrl ?? TAVILY_BASE_URL, '/search'),
      method: 'POST',
      headers: { authorization: `Bearer ${this.#settings.apiKey}` },
      jsonBody: {
        query: search.query,
        max_results: search.limit,
        search_depth: this.#settings.searchDepth ?? 'basic',
        ...(search.site === undefined ? {} : { include_domains: [search.site] }),
      },
      timeoutMs: this.#settings.timeoutMs,
      signal: search.signal,
      interpretFailure: (response) =>
        response.status === 432 || response.status === 433
          ? { code: 'rate_limited', isRetryable: false, advice: 'The Tavily plan or spending limit is used up; raise it on app.tavily.com.' }
          : undefined,
    });
    const items = readResultList(this.providerId, 'Tavily', body, ['results'], false);
    return normalizeSearchResults(
      items.map((item) => ({ url: item['url'], title: item['title'], snippet: item['content'], publishedAt: item['published_date'] })),
      search,
    );
  }
}
