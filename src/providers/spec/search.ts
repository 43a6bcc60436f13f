/**
 * The web search provider spec: the one interface research agents call to search the web,
 * whichever API (SearXNG, Brave, Serper, Tavily, Exa) the operator configured.
 *
 * Implementations live in `src/providers/search/`; this file holds only types and the error.
 */
import { ProviderError } from '../../domain/provider-error.ts';

/** Options of one search call. */
export interface SearchOptions {
  /** Maximum number of results to return (a positive integer; default 10, capped per provider). */
  limit?: number;
  /** Aborts the call; the promise then rejects with the signal's reason, unchanged. */
  signal?: AbortSignal;
  /** Restrict results to this domain and its subdomains, for example `acme.com`. */
  site?: string;
}

/** One normalised search hit. */
export interface SearchResult {
  /** Absolute http(s) URL of the page. Unique within one result list. */
  url: string;
  /** Page title as plain text (HTML removed, whitespace collapsed). */
  title: string;
  /** Excerpt of the page as plain text; may be empty when the provider gives none. */
  snippet: string;
  /** 1-based rank in this result list, without gaps. */
  position: number;
  /** When the provider dates the page: ISO 8601 date (`2024-03-05`) or date-time in UTC. */
  publishedAt?: string;
}

/** A web search API behind one small interface. */
export interface SearchProvider {
  /** Stable id of the implementation: `searxng`, `brave`, `serper`, `tavily` or `exa`. */
  readonly providerId: string;
  /**
   * Searches the web. Resolves with at most `limit` normalised results (possibly none);
   * rejects with a {@link SearchError}, or with the signal's reason when aborted.
   */
  search(query: string, options?: SearchOptions): Promise<SearchResult[]>;
}

/** Why a search failed; stable across providers so callers can branch on it. */
export type SearchErrorCode = 'not_configured' | 'rate_limited' | 'authentication' | 'bad_request' | 'server_error' | 'timeout' | 'invalid_response';

/** Codes worth retrying when the error does not say otherwise. */
const RETRYABLE_CODES: ReadonlySet<SearchErrorCode> = new Set(['rate_limited', 'server_error', 'timeout']);

/** Constructor options of {@link SearchError}. */
export interface SearchErrorOptions {
  /** Stable reason. */
  code: SearchErrorCode;
  /** What happened and what to do about it; carries the provider's own message when there is one. */
  message: string;
  /** Provider that failed, when known. */
  providerId?: string;
  /** Overrides the default (true for `rate_limited`, `server_error` and `timeout`). */
  isRetryable?: boolean;
  /** How long the provider asked us to wait before trying again. */
  retryAfterMs?: number;
  /** HTTP status the provider answered with, when it answered (not a status of Fathom's own API). */
  status?: number;
  /** The underlying error. */
  cause?: unknown;
}

/** A failed search, with a stable `code` and whether retrying can help. */
export class SearchError extends ProviderError<SearchErrorCode> {
  override readonly name = 'SearchError';
  /** Provider that failed, when known. */
  readonly providerId: string | undefined;

  constructor(options: SearchErrorOptions) {
    super(options.code, options.message, {
      isRetryable: options.isRetryable ?? RETRYABLE_CODES.has(options.code),
      status: options.status,
      retryAfterMs: options.retryAfterMs,
      cause: options.cause,
    });
    this.providerId = options.providerId;
  }
}
