import { registrableDomain } from '../../domain/company-identifier.ts';
import type { CellContext } from '../../engine/cell-executor.ts';
import { emptyPageMetadata } from '../../providers/fetch/extract-html-page.ts';
import { FetchError, type FetchedPage } from '../../providers/spec/fetcher.ts';
import type { SearchResult } from '../../providers/spec/search.ts';
import type { Store } from '../../store/store.ts';
import { companySiteOfRow } from './company-site-of-row.ts';
import type { SharedPageReader } from './shared-page-reader.ts';
import type { SharedSearchReader } from './shared-search-reader.ts';

/** Evidence about a LinkedIn profile gathered without reading LinkedIn. */
export interface LinkedinFallbackEvidence {
  /** Search results (title and snippet as the engine showed them) and the company's own pages. */
  pages: FetchedPage[];
  /** How each page was found, for the cell's record. */
  found: Array<{ url: string; kind: 'search_result' | 'company_page' }>;
  queries: string[];
  /** What was available to look in: false when neither search nor a company site was. */
  couldLook: boolean;
}

/** Where the fallback looks. */
export interface LinkedinFallbackTools {
  search: SharedSearchReader | null;
  pages: SharedPageReader;
  store: Pick<Store, 'findCompanyProfile'>;
  /** LinkedIn's own domains: never read as "the company's site". */
  linkedinDomains: ReadonlySet<string>;
}

/**
 * What the web says about a LinkedIn profile when LinkedIn itself cannot be read: the results of
 * searching for the profile (the engine's title and snippet of the LinkedIn page, and other pages
 * naming it), and the row's company's own home and about pages. Search results are used as the
 * engine showed them and never fetched from LinkedIn; a quote from one cites the result's URL.
 */
export async function gatherLinkedinFallbackEvidence(url: string, context: CellContext, tools: LinkedinFallbackTools): Promise<LinkedinFallbackEvidence> {
  const call = { signal: context.signal, runId: context.runId, bypassCache: context.bypassCache };
  const evidence: LinkedinFallbackEvidence = { pages: [], found: [], queries: [], couldLook: false };
  const words = profileWords(url);
  if (tools.search && words !== '') {
    evidence.couldLook = true;
    const domain = registrableDomain(url) ?? 'linkedin.com';
    for (const query of [`${words} site:${domain}`, `${words} LinkedIn`]) {
      evidence.queries.push(query);
      const { results } = await tools.search.search(query, call);
      for (const result of results) {
        if (evidence.found.some((known) => known.url === result.url) || !mentions(result, words)) continue;
        evidence.pages.push(snippetPage(result));
        evidence.found.push({ url: result.url, kind: 'search_result' });
      }
    }
  }
  const site = await companySiteOfRow(context, tools.store);
  if (site && !(site.domain !== null && tools.linkedinDomains.has(site.domain))) {
    evidence.couldLook = true;
    for (const path of ['/', '/about']) {
      const pageUrl = new URL(path, site.url).href;
      if (evidence.found.some((known) => known.url === pageUrl)) continue;
      try {
        const page = (await tools.pages.read(pageUrl, { ...call, purpose: 'linkedin:company_site' })).page;
        evidence.pages.push(page);
        evidence.found.push({ url: page.finalUrl, kind: 'company_page' });
      } catch (error) {
        // A company page that cannot be read leaves less evidence; other failures are real.
        if (!(error instanceof FetchError)) throw error;
      }
    }
  }
  return evidence;
}

/**
 * The words of a profile's slug: `/company/acme-robotics` → "acme robotics", `/in/ada-gear-42` →
 * "ada gear". Pages that are not a person's or organisation's profile (jobs, posts) give none.
 */
export function profileWords(url: string): string {
  const segments = new URL(url).pathname.split('/').filter(Boolean);
  if (!['in', 'company', 'school', 'showcase'].includes(segments[0] ?? '')) return '';
  const slug = decodeURIComponent(segments[1] ?? '');
  return slug
    .split(/[-_.]+/)
    .filter((word) => word !== '' && !/^\d+$/.test(word) && !/^[0-9a-f]{6,}$/i.test(word))
    .join(' ');
}

function mentions(result: SearchResult, words: string): boolean {
  const text = `${result.title} ${result.snippet} ${result.url}`.toLowerCase();
  return words
    .toLowerCase()
    .split(' ')
    .every((word) => text.includes(word));
}

/** A search result as evidence: what the engine showed of the page, dated now, never fetched. */
function snippetPage(result: SearchResult): FetchedPage {
  return {
    requestedUrl: result.url,
    finalUrl: result.url,
    status: 200,
    contentType: 'text/plain',
    fetchedAt: new Date().toISOString(),
    title: result.title,
    text: `${result.title}\n${result.snippet}`,
    isTextTruncated: false,
    metadata: emptyPageMetadata(),
    redirects: [],
  };
}
