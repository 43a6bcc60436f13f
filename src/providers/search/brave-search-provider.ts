/**
 * Brave Search API, web search (https://api-dashboard.search.brave.com/api-reference/web/search/get).
 *
 * Request:  GET {baseUrl}/res/v1/web/search?q=…&count=N, header `X-Subscription-Token: <key>`.
 * Relies on: `web.results[]` with `url`, `title`, `description` (HTML: `<strong>` around matches,
 *            entities), `page_age` (ISO without zone) and `age` (a date, or relative text such
 *            as "2 days ago" that is dropped). No `web` key means no results.
 * Errors:   `{type: "ErrorResponse", error: {code, detail, status}}`. A bad or missing token is
 *           HTTP 422 `SUBSCRIPTION_TOKEN_INVALID`, not 401. A 429 carries `X-RateLimit-Reset`
 *           ("1, 1419704": seconds per window) rather than `Retry-After`.
 * Limits:   `count` is at most 20. No domain parameter: `site:` goes in `q`.
 */
import type { SearchOptions, SearchProvider, SearchResult } from '../spec/search.ts';
import { isRecord, readResultList } from './json-shape.ts';
import { normalizeSearchResults } from './normalize-search-results.ts';
import { requestSearchJson } from './request-search-json.ts';
import { retryAfterFromRateLimitReset } from './rate-limit-reset.ts';
import { SEARCH_CONFIGURATION_VARIABLES } from './search-configuration-variables.ts';
import { resolveEndpoint } from './search-endpoint.ts';
import type { FailedSearchResponse, FailureInterpretation, SearchProviderDescription } from './search-http-error.ts';
import { prepareSearch, withSiteOperator } from './search-request-options.ts';

/** Brave's public endpoint. */
export const BRAVE_SEARCH_BASE_URL = 'https://api.search.brave.com';
const MAXIMUM_LIMIT = 20;

/** Settings of {@link BraveSearchProvider}. */
export interface BraveSearchSettings {
  /** Subscription token of the Search plan. */
  apiKey: string;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Defaults to {@link BRAVE_SEARCH_BASE_URL}. */
  baseUrl?: string;
}

/** Searches with the Brave Search API. */
export class BraveSearchProvider implements SearchProvider {
  /** Always `brave`. */
  readonly providerId = 'brave';
  readonly #settings: BraveSearchSettings;
  readonly #description: SearchProviderDescription;

  constructor(settings: BraveSearchSettings) {
    this.#settings = settings;
    this.#description = {
      providerId: this.providerId,
      label: 'Brave Search',
      credentialAdvice: `Set ${SEARCH_CONFIGURATION_VARIABLES.apiKey} to a valid Brave Search subscription token (api-dashboard.search.brave.com).`,
      secrets: [settings.apiKey],
    };
  }

  /** {@inheritDoc SearchProvider.search} */
  async search(query: string, options?: SearchOptions): Promise<SearchResult[]> {
    const search = prepareSearch(this.providerId, query, options, MAXIMUM_LIMIT);
    const endpoint = resolveEndpoint(this.#settings.baseUrl ?? BRAVE_SEARCH_BASE_URL, '/res/v1/web/search');
    endpoint.search = new URLSearchParams({ q: withSiteOperator(search), count: String(search.limit) }).toString();
    const body = await requestSearchJson({
      provider: this.#description,
      url: endpoint,
      method: 'GET',
      headers: { 'x-subscription-token': this.#settings.apiKey },
      timeoutMs: this.#settings.timeoutMs,
      signal: search.signal,
      interpretFailure: interpretBraveFailure,
      retryAfterFromHeaders: retryAfterFromRateLimitReset,
    });
    const items = readResultList(this.providerId, 'Brave Search', body, ['web', 'results'], true);
    return normalizeSearchResults(
      items.map((item) => ({
        url: item['url'],
        title: item['title'],
        snippet: item['description'],
        publishedAt: item['page_age'] ?? item['age'],
      })),
      search,
    );
  }
}

/** Brave reports a rejected token as 422 with a `SUBSCRIPTION_TOKEN_INVALID` code. */
function interpretBraveFailure(response: FailedSearchResponse): FailureInterpretation | undefined {
  if (response.status !== 422) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(response.bodyText);
  } catch {
    return undefined;
  }
  const code = isRecord(body) && isRecord(body['error']) ? body['error']['code'] : undefined;
  return typeof code === 'string' && code.includes('TOKEN') ? { code: 'authentication' } : undefined;
}
