/**
 * Exa search (https://exa.ai/docs/reference/search).
 *
 * Request:  POST {baseUrl}/search, JSON `{query, numResults, includeDomains?, contents: {highlights: true}}`,
 *           header `x-api-key: <key>`.
 * Relies on: `results[]` with `url`, `title` (may be null), `publishedDate` (ISO), and for the
 *            snippet the first present of `highlights[]` (query-relevant excerpts), `text`, `summary`.
 * Errors:   `{requestId, error, tag}`. 401 bad key; 402 credits or key budget used up (reported
 *           as `authentication`: the operator must act on the account or the key).
 * Limits:   `numResults` up to 100. The site filter uses `includeDomains`.
 */
import type { SearchOptions, SearchProvider, SearchResult } from '../spec/search.ts';
import { readResultList } from './json-shape.ts';
import { normalizeSearchResults } from './normalize-search-results.ts';
import { requestSearchJson } from './request-search-json.ts';
import { SEARCH_CONFIGURATION_VARIABLES } from './search-configuration-variables.ts';
import { resolveEndpoint } from './search-endpoint.ts';
import type { SearchProviderDescription } from './search-http-error.ts';
import { prepareSearch } from './search-request-options.ts';

/** Exa's public endpoint. */
export const EXA_BASE_URL = 'https://api.exa.ai';
const MAXIMUM_LIMIT = 100;

/** Settings of {@link ExaSearchProvider}. */
export interface ExaSearchSettings {
  /** Exa API key. */
  apiKey: string;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Defaults to {@link EXA_BASE_URL}. */
  baseUrl?: string;
}

/** Searches with Exa. */
export class ExaSearchProvider implements SearchProvider {
  /** Always `exa`. */
  readonly providerId = 'exa';
  readonly #settings: ExaSearchSettings;
  readonly #description: SearchProviderDescription;

  constructor(settings: ExaSearchSettings) {
    this.#settings = settings;
    this.#description = {
      providerId: this.providerId,
      label: 'Exa',
      credentialAdvice: `Set ${SEARCH_CONFIGURATION_VARIABLES.apiKey} to a valid Exa API key (dashboard.exa.ai).`,
      secrets: [settings.apiKey],
    };
  }

  /** {@inheritDoc SearchProvider.search} */
  async search(query: string, options?: SearchOptions): Promise<SearchResult[]> {
    const search = prepareSearch(this.providerId, query, options, MAXIMUM_LIMIT);
    const body = await requestSearchJson({
      provider: this.#description,
      url: resolveEndpoint(this.#settings.baseUrl ?? EXA_BASE_URL, '/search'),
      method: 'POST',
      headers: { 'x-api-key': this.#settings.apiKey },
      jsonBody: {
        query: search.query,
        numResults: search.limit,
        ...(search.site === undefined ? {} : { includeDomains: [search.site] }),
        contents: { highlights: true },
      },
      timeoutMs: this.#settings.timeoutMs,
      signal: search.signal,
      interpretFailure: (response) =>
        response.status === 402
          ? {
              code: 'authentication',
              advice: `Exa credits or this key's budget are used up: top up on dashboard.exa.ai or set ${SEARCH_CONFIGURATION_VARIABLES.apiKey} to another key.`,
            }
          : undefined,
    });
    const items = readResultList(this.providerId, 'Exa', body, ['results'], false);
    return normalizeSearchResults(
      items.map((item) => ({ url: item['url'], title: item['title'], snippet: pickSnippet(item), publishedAt: item['publishedDate'] })),
      search,
    );
  }
}

/** Highlights are chosen for the query, so they beat the start of the page text. */
function pickSnippet(item: Record<string, unknown>): unknown {
  const highlights = item['highlights'];
  if (Array.isArray(highlights)) {
    const texts = highlights.filter((highlight): highlight is string => typeof highlight === 'string' && highlight.trim() !== '');
    if (texts.length > 0) return texts.join(' … ');
  }
  if (typeof item['text'] === 'string' && item['text'].trim() !== '') return item['text'];
  return item['summary'];
}
