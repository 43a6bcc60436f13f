import { registrableDomain } from '../../domain/company-identifier.ts';
import type { FetchedPage } from '../../providers/spec/fetcher.ts';
import type { PageReadOptions, SharedPageReader } from '../research/shared-page-reader.ts';
import { sitemapUrlsFor } from '../research/sitemap-reader.ts';

/** The company pages a people cell read, and what could not be read. */
export interface CompanyPeoplePages {
  pages: FetchedPage[];
  failed: { url: string; error: string }[];
  /** Reads that went to the web (not answered by the shared page cache). */
  fetches: number;
}

// Paths of pages that name a company's people: team, about, leadership, management, contact, press.
const PEOPLE_PATH = /(team|about|leadership|leaders|management|people|executives|board|founders|contact|press|media|news|company|who-we-are)/i;
const MAX_PAGES = 6;

/**
 * The company's own pages that name people: the home page, then the sections it links to (or
 * its sitemap lists, when the home page links too few) whose path reads like team, about,
 * leadership, management, contact or press, team pages first. Every read goes through the
 * shared page reader, so the finders of one company (and their re-runs within the cache's
 * lifetime) fetch each page once; robots.txt is honoured by the fetcher behind it.
 */
export async function readCompanyPeoplePages(pages: SharedPageReader, siteUrl: string, options: PageReadOptions): Promise<CompanyPeoplePages> {
  const read: FetchedPage[] = [];
  const failed: { url: string; error: string }[] = [];
  let fetches = 0;
  const readOne = async (url: string): Promise<FetchedPage | null> => {
    try {
      const { page, outcome } = await pages.read(url, options);
      if (outcome === 'loaded') fetches += 1;
      return page;
    } catch (error) {
      if (options.signal.aborted) throw error;
      failed.push({ url, error: error instanceof Error ? error.message : String(error) });
      return null;
    }
  };
  const home = await readOne(siteUrl);
  if (!home) return { pages: read, failed, fetches };
  read.push(home);
  const domain = registrableDomain(home.finalUrl);
  const linked = home.metadata.links.internalPages.map((link) => ({ url: link.url, rank: rankOf(link.kind, link.url) }));
  const fromSitemap = (await sitemapUrlsFor(pages, home, options)).map((url) => ({ url, rank: rankOf(null, url) }));
  const seen = new Set([stripHash(home.finalUrl), stripHash(home.requestedUrl)]);
  const candidates = [...linked, ...fromSitemap]
    .filter((candidate) => candidate.rank < 9 && registrableDomain(candidate.url) === domain)
    .filter((candidate) => {
      const key = stripHash(candidate.url);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((left, right) => left.rank - right.rank)
    .slice(0, MAX_PAGES - 1);
  const results = await Promise.all(candidates.map((candidate) => readOne(candidate.url)));
  for (const page of results) if (page) read.push(page);
  return { pages: read, failed, fetches };
}

/** Lower is read first; 9 is not a people page at all. */
function rankOf(kind: string | null, url: string): number {
  const path = URL.parse(url)?.pathname ?? '';
  if (kind === 'team' || /(team|leadership|leaders|management|executives|people|founders|board)/i.test(path)) return 0;
  if (kind === 'about' || /about|who-we-are|company/i.test(path)) return 1;
  if (kind === 'contact' || /contact/i.test(path)) return 2;
  if (/press|media|news/i.test(path)) return 3;
  return PEOPLE_PATH.test(path) ? 4 : 9;
}

function stripHash(url: string): string {
  const parsed = URL.parse(url);
  if (!parsed) return url;
  parsed.hash = '';
  return parsed.href;
}
