/**
 * SearXNG JSON API (https://docs.searxng.org/dev/search_api.html).
 *
 * Request:  GET {baseUrl}/search?q=…&format=json&pageno=N[&language=xx]
 * Relies on: `results[]` with `url`, `title`, `content` (snippet), `publishedDate`
 *            (ISO without zone, or null). `engine`, `score`, `infoboxes`… are not used.
 * Auth:     none of its own. Credentials in the URL (`https://user:pass@host`) are sent as HTTP
 *           Basic auth for instances behind a reverse proxy.
 * Quirks:   `format=json` must be enabled in the instance's settings.yml, otherwise it answers 403.
 *           There is no result-count parameter: pages (about 10–20 hits) are fetched until
 *           `limit` is reached. `site:` is passed through in `q`; engines may ignore it, so the
 *           filter is enforced again on the results.
 */
import type { SearchOptions, SearchProvider, SearchResult } from '../spec/search.ts';
import { readResultList } from './json-shape.ts';
import { normalizeSearchResults } from './normalize-search-results.ts';
import type { SearchCandidate } from './normalize-search-results.ts';
import { requestSearchJson } from './request-search-json.ts';
import { SEARCH_CONFIGURATION_VARIABLES } from './search-configuration-variables.ts';
import { resolveEndpoint } from './search-endpoint.ts';
import type { SearchProviderDescription } from './search-http-error.ts';
import { prepareSearch, withSiteOperator } from './search-request-options.ts';

/** Each page is one request; five pages cover any sensible limit without hammering the instance. */
const MAXIMUM_PAGES = 5;
const MAXIMUM_LIMIT = 50;

/** Settings of {@link SearxngSearchProvider}. */
export interface SearxngSearchSettings {
  /** Instance URL, for example `https://searx.example.org` (a trailing `/search` is accepted). */
  baseUrl: string;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Language code passed as `language`; the instance default when unset. */
  language?: string;
}

/** Searches through a SearXNG instance. */
export class SearxngSearchProvider implements SearchProvider {
  /** Always `searxng`. */
  readonly providerId = 'searxng';
  readonly #settings: SearxngSearchSettings;
  readonly #description: SearchProviderDescription;

  constructor(settings: SearxngSearchSettings) {
    this.#settings = settings;
    this.#description = {
      providerId: this.providerId,
      label: 'SearXNG',
      credentialAdvice: `Put the credentials of the proxy in front of SearXNG in ${SEARCH_CONFIGURATION_VARIABLES.url} (https://user:password@host).`,
      secrets: [],
    };
  }

  /** {@inheritDoc SearchProvider.search} */
  async search(query: string, options?: SearchOptions): Promise<SearchResult[]> {
    const search = prepareSearch(this.providerId, query, options, MAXIMUM_LIMIT);
    // An operator may paste the full endpoint; do not end up at /search/search.
    const endpoint = resolveEndpoint(this.#settings.baseUrl.replace(/\/search\/?$/, ''), '/search');
    const candidates: SearchCandidate[] = [];
    let results: SearchResult[] = [];
    for (let pageNumber = 1; pageNumber <= MAXIMUM_PAGES; pageNumber += 1) {
      endpoint.search = new URLSearchParams({
        q: withSiteOperator(search),
        format: 'json',
        pageno: String(pageNumber),
        ...(this.#settings.language === undefined ? {} : { language: this.#settings.language }),
      }).toString();
      const body = await requestSearchJson({
        provider: this.#description,
        url: endpoint,
        method: 'GET',
        timeoutMs: this.#settings.timeoutMs,
        signal: search.signal,
        interpretFailure: (response) =>
          response.status === 403
            ? {
                code: 'bad_request',
                advice:
                  'The instance refuses format=json: add "json" to search.formats in its settings.yml, ' +
                  `or check that ${SEARCH_CONFIGURATION_VARIABLES.url} points at an instance you may use.`,
              }
            : undefined,
      });
      const page = readResultList(this.providerId, 'SearXNG', body, ['results'], false);
      for (const item of page) {
        candidates.push({ url: item['url'], title: item['title'], snippet: item['content'], publishedAt: item['publishedDate'] });
      }
      results = normalizeSearchResults(candidates, search);
      if (page.length === 0 || results.length >= search.limit) break;
    }
    return results;
  }
}
