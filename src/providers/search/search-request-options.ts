import { SearchError } from '../spec/search.ts';
import type { SearchOptions } from '../spec/search.ts';

/** Results returned when the caller gives no `limit`. */
export const DEFAULT_SEARCH_LIMIT = 10;

/** A search call after validation, ready for an adapter to put on the wire. */
export interface PreparedSearch {
  /** The query, trimmed, without any site operator. */
  query: string;
  /** How many results to return, already capped at what the provider allows in one call. */
  limit: number;
  /** Domain to restrict results to (lower case, punycode, no `www.`), or undefined. */
  site: string | undefined;
  /** The caller's abort signal. */
  signal: AbortSignal | undefined;
}

/**
 * Validates a search call before anything is sent, so a bad argument fails fast as
 * `bad_request` instead of costing a provider request.
 */
export function prepareSearch(providerId: string, query: string, options: SearchOptions | undefined, maximumLimit: number): PreparedSearch {
  const trimmedQuery = typeof query === 'string' ? query.trim() : '';
  if (trimmedQuery === '') {
    throw new SearchError({ code: 'bad_request', providerId, message: 'Search query is empty; pass the words to search for.' });
  }
  const limit = options?.limit ?? DEFAULT_SEARCH_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new SearchError({
      code: 'bad_request',
      providerId,
      message: `Search limit must be a positive integer, got ${String(limit)}.`,
    });
  }
  return {
    query: trimmedQuery,
    limit: Math.min(limit, maximumLimit),
    site: options?.site === undefined ? undefined : normalizeSite(providerId, options.site),
    signal: options?.signal,
  };
}

/** Accepts `acme.com`, `www.acme.com`, `https://acme.com/about` and returns `acme.com`. */
function normalizeSite(providerId: string, site: string): string {
  const text = site.trim().toLowerCase();
  let hostname = '';
  try {
    hostname = new URL(text.includes('://') ? text : `http://${text}`).hostname;
  } catch {
    hostname = '';
  }
  // A site filter on "www.acme.com" is meant for the company, whose pages also live on acme.com.
  const withoutWww = hostname.replace(/^www\./, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(withoutWww)) {
    throw new SearchError({
      code: 'bad_request',
      providerId,
      message: `Search site filter "${site}" is not a domain; pass a domain such as "acme.com".`,
    });
  }
  return withoutWww;
}

/** The query with a `site:` operator, for providers without a domain filter parameter. */
export function withSiteOperator(search: PreparedSearch): string {
  return search.site === undefined ? search.query : `${search.query} site:${search.site}`;
}

/** True when `hostname` is `site` or one of its subdomains. */
export function hostnameMatchesSite(hostname: string, site: string): boolean {
  const host = hostname.toLowerCase();
  return host === site || host.endsWith(`.${site}`);
}
