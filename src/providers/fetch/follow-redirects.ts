import { FetchError } from '../spec/fetcher.ts';
import { invalidUrlError } from './fetch-errors.ts';
import type { OutboundResponse, OutboundTransport } from './outbound-transport.ts';
import type { RobotsPolicy } from './robots-policy.ts';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The final answer of a chain of redirects. */
export interface RedirectOutcome<T> {
  finalUrl: URL;
  /** Every URL that answered with a redirect, in order. */
  redirects: string[];
  /** What `readFinal` made of the final response. */
  result: T;
}

/** What one redirect-following fetch needs. */
export interface RedirectContext {
  transport: OutboundTransport;
  /** Checked before every hop; null to skip robots.txt (when reading robots.txt itself). */
  robots: RobotsPolicy | null;
  maxRedirects: number;
  signal: AbortSignal;
}

/**
 * GETs `startUrl` and follows redirects by hand, so that every hop goes through the same checks
 * as the first request: scheme, destination, robots.txt, concurrency. `readFinal` receives the
 * first response that is not a redirect, whatever its status.
 */
export async function followRedirects<T>(
  startUrl: URL,
  context: RedirectContext,
  readFinal: (response: OutboundResponse, url: URL) => Promise<T>,
): Promise<RedirectOutcome<T>> {
  const redirects: string[] = [];
  let currentUrl = startUrl;
  for (;;) {
    assertFetchableUrl(currentUrl, redirects.at(-1));
    await context.robots?.assertAllowed(currentUrl, context.signal, redirects.at(-1));
    const hopUrl = currentUrl;
    const outcome = await context.transport.exchange(hopUrl, context.signal, redirects.at(-1), async (response) => {
      const location = headerValue(response.headers.location);
      if (!REDIRECT_STATUSES.has(response.statusCode) || !location) {
        return { kind: 'final' as const, result: await readFinal(response, hopUrl) };
      }
      // Reading a short redirect body lets undici reuse the connection; a long one is cut off.
      await response.body.dump({ limit: 64 * 1024 });
      return { kind: 'redirect' as const, location };
    });
    if (outcome.kind === 'final') return { finalUrl: hopUrl, redirects, result: outcome.result };

    const nextUrl = URL.parse(outcome.location, hopUrl);
    if (!nextUrl) throw invalidUrlError(outcome.location, `${hopUrl.href} redirected to it, and it is not a valid URL`);
    if (redirects.length >= context.maxRedirects) {
      throw new FetchError({
        code: 'too_many_redirects',
        url: startUrl.href,
        message: `${startUrl.href} redirected more than ${context.maxRedirects} times (the last hop was ${hopUrl.href} to ${nextUrl.href}); use the final URL directly if it is known`,
      });
    }
    redirects.push(hopUrl.href);
    currentUrl = nextUrl;
  }
}

/** Refuses URLs that are not plain http(s): other schemes, and credentials in the URL. */
export function assertFetchableUrl(url: URL, redirectedFrom?: string): void {
  const via = redirectedFrom ? ` (reached by a redirect from ${redirectedFrom})` : '';
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidUrlError(url.href, `only http and https URLs can be fetched, not ${url.protocol}${via}`);
  }
  if (url.username || url.password) {
    throw invalidUrlError(url.href, `URLs with a user name or password are not fetched${via}; remove the credentials`);
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
