import { FetchError, type FetchedPage } from '../../providers/spec/fetcher.ts';
import type { SharedPageReader } from './shared-page-reader.ts';

// Where LinkedIn sends visitors it will not show a page to.
const SIGN_IN_PATHS = /^\/(authwall|login|uas\/login|checkpoint|signup)\b/i;
const LINKEDIN_DENIED_STATUS = 999;
// How long a sign-in wall in front of one kind of page (`/in/…`) spares later cells the fetch.
const WALL_MEMORY_MS = 60 * 60 * 1000;

/** A LinkedIn page read, or why LinkedIn would not show it. */
export type LinkedinPageOutcome = { page: FetchedPage } | { refusedBecause: string };

/**
 * Reads LinkedIn pages through the shared page reader, only where LinkedIn lets an anonymous
 * reader in: the fetcher honours robots.txt before any request for the page, a 999 ("request
 * denied") or a redirect to the sign-in wall is a refusal, and a wall met in front of one kind
 * of page (`/in/`, `/company/`) is remembered for an hour so other cells do not knock again.
 * Transient failures (timeouts, 5xx) are thrown for the engine to retry.
 */
export class LinkedinPageAccess {
  private readonly walledUntil = new Map<string, number>();

  constructor(
    private readonly pages: SharedPageReader,
    private readonly now: () => number = Date.now,
  ) {}

  async read(url: string, call: { signal: AbortSignal; runId: string | null; bypassCache: boolean }): Promise<LinkedinPageOutcome> {
    const family = familyOf(url);
    const walled = this.walledUntil.get(family);
    if (walled !== undefined && walled > this.now()) {
      return {
        refusedBecause: `LinkedIn shows ${family} pages only after sign-in (it sent an earlier request to its sign-in wall), so ${url} was not requested`,
      };
    }
    let page: FetchedPage;
    try {
      page = (await this.pages.read(url, { ...call, purpose: 'linkedin' })).page;
    } catch (error) {
      // 999 is LinkedIn's "request denied" to readers it does not want, not a server fault.
      if (error instanceof FetchError && (!error.isRetryable || error.status === LINKEDIN_DENIED_STATUS)) {
        return { refusedBecause: `LinkedIn could not be read at ${url}: ${error.message}` };
      }
      throw error;
    }
    if (SIGN_IN_PATHS.test(new URL(page.finalUrl).pathname)) {
      this.walledUntil.set(family, this.now() + WALL_MEMORY_MS);
      return { refusedBecause: `LinkedIn asked to sign in before showing ${url} (it answered with ${page.finalUrl})` };
    }
    return { page };
  }
}

/** `linkedin.com/in/…` → "linkedin.com/in/": the kind of page, on its host. */
function familyOf(url: string): string {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^[a-z]{2,3}\./, '').replace(/^www\./, '');
  return `${host}/${parsed.pathname.split('/')[1] ?? ''}/`;
}
