import type { SearchResult } from '../spec/search.ts';
import { htmlToPlainText, truncateText } from './html-text.ts';
import { normalizePublishedDate } from './published-date.ts';
import { hostnameMatchesSite } from './search-request-options.ts';

/** Snippets longer than this are cut: they end up in model prompts, once per result. */
export const MAXIMUM_SNIPPET_CHARACTERS = 1_000;
const MAXIMUM_TITLE_CHARACTERS = 300;

/** One hit as a provider gave it, fields not yet checked. */
export interface SearchCandidate {
  /** Page URL. */
  url: unknown;
  /** Page title, possibly with HTML. */
  title: unknown;
  /** Excerpt, possibly with HTML. */
  snippet: unknown;
  /** Provider's date for the page, in any format. */
  publishedAt?: unknown;
}

/** What the caller asked for, applied after the provider answered. */
export interface NormalizeOptions {
  /** Maximum number of results to keep. */
  limit: number;
  /** Keep only this domain and its subdomains. */
  site: string | undefined;
}

/**
 * Turns provider hits into {@link SearchResult}s: absolute http(s) URLs only, one result per URL
 * (fragment ignored), plain-text titles and snippets, positions 1..n, at most `limit`.
 */
export function normalizeSearchResults(candidates: Iterable<SearchCandidate>, options: NormalizeOptions): SearchResult[] {
  const results: SearchResult[] = [];
  const seenUrls = new Set<string>();
  for (const candidate of candidates) {
    if (results.length >= options.limit) break;
    const url = parseWebUrl(candidate.url);
    if (url === undefined || seenUrls.has(url.href)) continue;
    // Engines are free to ignore a site: operator (SearXNG says so), so the filter is enforced here too.
    if (options.site !== undefined && !hostnameMatchesSite(url.hostname, options.site)) continue;
    seenUrls.add(url.href);
    const title = typeof candidate.title === 'string' ? htmlToPlainText(candidate.title) : '';
    const snippet = typeof candidate.snippet === 'string' ? htmlToPlainText(candidate.snippet) : '';
    const publishedAt = normalizePublishedDate(candidate.publishedAt);
    results.push({
      url: url.href,
      title: truncateText(title === '' ? url.hostname : title, MAXIMUM_TITLE_CHARACTERS),
      snippet: truncateText(snippet, MAXIMUM_SNIPPET_CHARACTERS),
      position: results.length + 1,
      ...(publishedAt === undefined ? {} : { publishedAt }),
    });
  }
  return results;
}

/** An absolute http(s) URL without its fragment, or undefined. */
function parseWebUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url;
  } catch {
    return undefined;
  }
}
