import { getDomain } from 'tldts';
import type { InternalPageKind } from '../spec/fetcher.ts';

// Path segments (and subdomains) that name a section of a company site. Checked in this order,
// so "plans" is pricing before anything else claims it.
const KIND_PATTERNS: Array<[InternalPageKind, RegExp]> = [
  ['pricing', /^(pricing|prices|price|plans|plans-and-pricing|plans-pricing)$/],
  ['careers', /^(careers?|jobs?|join-us|join-the-team|work-with-us|hiring|vacancies|open-positions|open-roles)$/],
  ['team', /^(team|our-team|the-team|meet-the-team|people|our-people|leadership|management|founders|board)$/],
  ['contact', /^(contact|contact-us|contacts|get-in-touch|imprint|impressum)$/],
  ['about', /^(about|about-us|aboutus|company|who-we-are|our-story|our-company|mission)$/],
  ['blog', /^(blog|news|newsroom|press|articles|insights|journal|updates)$/],
  ['docs', /^(docs|documentation|developers?|api|api-reference|guides|reference|knowledge-base|help-center)$/],
];

// Hosted job boards that serve as a company's careers page from another domain.
const JOB_BOARD_HOSTS = new Set(['boards.greenhouse.io', 'job-boards.greenhouse.io', 'jobs.lever.co', 'jobs.ashbyhq.com', 'apply.workable.com']);

/**
 * The kind of section a link points to, or null. Only section pages count: `/about`,
 * `/en/careers`, `/company/team.html`, or the root of `jobs.example.com` — not the posts and
 * openings below them (`/blog/some-post`), which would drown the list. Links must be on the same
 * registrable domain as the page, except for the well-known hosted job boards.
 */
export function classifyInternalPage(link: URL, pageUrl: URL): InternalPageKind | null {
  if (link.protocol !== 'http:' && link.protocol !== 'https:') return null;
  if (JOB_BOARD_HOSTS.has(link.hostname)) return link.pathname.split('/').filter(Boolean).length === 1 ? 'careers' : null;
  if (!isSameSite(link, pageUrl)) return null;

  const segments = link.pathname
    .toLowerCase()
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => segment.replace(/\.(html?|php|aspx?)$/, ''));
  // A leading language code (`/en/`, `/de-ch/`) does not change what the page is.
  if (segments.length > 1 && /^[a-z]{2}([-_][a-z]{2})?$/.test(segments[0] ?? '')) segments.shift();
  if (segments.length === 0) {
    const subdomain = link.hostname.split('.')[0] ?? '';
    return link.hostname === pageUrl.hostname ? null : kindOfWord(subdomain);
  }
  return kindOfWord(segments.at(-1) ?? '');
}

function kindOfWord(word: string): InternalPageKind | null {
  return KIND_PATTERNS.find(([, pattern]) => pattern.test(word))?.[0] ?? null;
}

function isSameSite(link: URL, pageUrl: URL): boolean {
  const linkDomain = getDomain(link.hostname);
  const pageDomain = getDomain(pageUrl.hostname);
  // IP addresses and single-label hosts have no registrable domain; only the same host counts.
  return linkDomain && pageDomain ? linkDomain === pageDomain : link.hostname === pageUrl.hostname;
}
