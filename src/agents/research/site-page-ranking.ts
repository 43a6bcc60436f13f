import type { FetchedPage, InternalPageKind } from '../../providers/spec/fetcher.ts';
import { registrableDomain } from '../../domain/company-identifier.ts';
import { overlap, termsOf } from './text-terms.ts';

/** A page worth reading, and why it ranks where it does. */
export interface PageCandidate {
  url: string;
  score: number;
  /** "home", "about", "search: <query>", "sitemap" — shown in the cell's research record. */
  reason: string;
}

// What each kind of company page is usually asked about. A question sharing these words ranks
// the page up even when the link text does not repeat them.
const KIND_TOPICS: Record<InternalPageKind | 'sitemap', string> = {
  about: 'about founded founder founding history story mission headquarters hq located location employees staff size year started origin who',
  pricing: 'price pricing cost costs plan plans subscription fee fees tier billing monthly annual cheap expensive discount trial free',
  careers: 'career careers job jobs hiring hire recruit open roles positions vacancy vacancies engineer engineers work remote apply',
  team: 'team founder founders ceo cto cfo coo leadership executive executives management board chief head people who runs',
  contact: 'contact email phone address office offices headquarters located location reach support sales',
  blog: 'blog news announce announcement launch release latest recent funding raised series press',
  docs: 'docs documentation api integration integrations developer developers sdk guide reference',
  sitemap: '',
};

// Kinds that answer the most questions get a small head start among equals.
const KIND_PRIOR: Partial<Record<InternalPageKind, number>> = { about: 0.3, pricing: 0.1, team: 0.1, contact: 0.1, careers: 0.1 };

/**
 * The pages of a company's own site to read for a question, best first: the sections the home
 * page links to (about, pricing, careers, team, contact, blog, docs) and any sitemap URLs,
 * scored by the question's words against the link's URL and text and the section's topics.
 * Only pages on the home page's registrable domain are considered.
 */
export function rankSitePages(home: FetchedPage, question: string, sitemapUrls: readonly string[] = []): PageCandidate[] {
  const wanted = termsOf(question);
  const domain = registrableDomain(home.finalUrl);
  const candidates = new Map<string, PageCandidate>();
  const consider = (url: string, kind: InternalPageKind | 'sitemap', linkText: string) => {
    const parsed = URL.parse(url);
    if (!parsed || (domain !== null && registrableDomain(parsed.href) !== domain)) return;
    parsed.hash = '';
    if (parsed.href === home.finalUrl || candidates.has(parsed.href)) return;
    const pathTerms = new Set(termsOf(`${decodeURIComponent(parsed.pathname).replace(/[/_-]+/g, ' ')} ${linkText}`));
    const topicTerms = new Set(termsOf(KIND_TOPICS[kind]));
    const score = 2 * overlap(wanted, pathTerms) + overlap(wanted, topicTerms) + (kind === 'sitemap' ? 0 : (KIND_PRIOR[kind] ?? 0));
    candidates.set(parsed.href, { url: parsed.href, score, reason: kind });
  };
  for (const link of home.metadata.links.internalPages) consider(link.url, link.kind, link.text);
  for (const url of sitemapUrls) consider(url, 'sitemap', '');
  return [...candidates.values()].sort((left, right) => right.score - left.score);
}

/** Page URLs listed in a sitemap's text (`<loc>` elements), at most `limit`. */
export function sitemapLocations(text: string, limit = 200): string[] {
  const locations: string[] = [];
  for (const match of text.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/gi)) {
    if (locations.length >= limit) break;
    const url = match[1]!.replaceAll('&amp;', '&');
    if (/^https?:\/\//i.test(url) && !/\.xml(\.gz)?$/i.test(url)) locations.push(url);
  }
  return locations;
}
