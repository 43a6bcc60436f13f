import type { FetchedPage } from '../../providers/spec/fetcher.ts';
import type { PageReadOptions, SharedPageReader } from './shared-page-reader.ts';
import { sitemapLocations } from './site-page-ranking.ts';

// A home page linking fewer sections than this is probably built by script or very sparse.
const SPARSE_NAVIGATION = 3;

/**
 * Page URLs from `/sitemap.xml` when the home page links too few sections to go by. The sitemap
 * is read through the shared reader (XML arrives as text); a sitemap that cannot be read simply
 * adds nothing.
 */
export async function sitemapUrlsFor(pages: SharedPageReader, home: FetchedPage, options: PageReadOptions): Promise<string[]> {
  if (home.metadata.links.internalPages.length >= SPARSE_NAVIGATION) return [];
  try {
    const { page } = await pages.read(new URL('/sitemap.xml', home.finalUrl).href, { ...options, purpose: `${options.purpose}:sitemap` });
    return sitemapLocations(page.text);
  } catch (error) {
    if (options.signal.aborted) throw error;
    return [];
  }
}
