import { SearchError } from '../spec/search.ts';

/**
 * Appends an API path to a base URL, keeping any path prefix of the base, so a SearXNG
 * instance under `https://host/searx/` or a stand-in under `http://127.0.0.1:1234/brave`
 * works the same as the provider's own host.
 */
export function resolveEndpoint(baseUrl: string, path: string): URL {
  const endpoint = new URL(baseUrl);
  endpoint.pathname = `${endpoint.pathname.replace(/\/+$/, '')}${path}`;
  endpoint.search = '';
  endpoint.hash = '';
  return endpoint;
}

/**
 * Checks that `value` is an absolute http(s) URL; otherwise throws `not_configured` naming
 * `variable`, the setting the operator has to fix.
 */
export function assertHttpUrl(value: string, variable: string): void {
  let protocol = '';
  try {
    protocol = new URL(value).protocol;
  } catch {
    protocol = '';
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new SearchError({
      code: 'not_configured',
      message: `${variable} must be an absolute http(s) URL such as "https://search.example.org", got "${value}".`,
    });
  }
}

/** The endpoint as it may appear in a message: no credentials, no query string. */
export function describeEndpoint(url: URL): string {
  return `${url.origin}${url.pathname}`;
}
