import { describe, expect, it } from 'vitest';
import { extractHtmlPage } from '../../providers/fetch/extract-html-page.ts';
import type { FetchedPage } from '../../providers/spec/fetcher.ts';
import { rankSitePages, sitemapLocations } from './site-page-ranking.ts';

function home(html: string, url = 'https://acme.com/'): FetchedPage {
  const extracted = extractHtmlPage(html, new URL(url), { maxTextLength: 100_000 });
  return { requestedUrl: url, finalUrl: url, status: 200, contentType: 'text/html', fetchedAt: '2025-01-01T00:00:00Z', redirects: [], ...extracted };
}

const NAV = `<title>Acme</title><nav>
  <a href="/about">About us</a> <a href="/plans">Plans</a> <a href="/jobs">Join us</a>
  <a href="/company/leadership">Leadership</a> <a href="/contact">Contact</a> <a href="/blog">News</a>
  <a href="https://partner.example/about">Partner</a></nav>`;

describe('rankSitePages', () => {
  it.each([
    ['What does the cheapest plan cost per month?', 'https://acme.com/plans'],
    ['Is the company hiring engineers?', 'https://acme.com/jobs'],
    ['Who is the CEO?', 'https://acme.com/company/leadership'],
    ['When was the company founded?', 'https://acme.com/about'],
    ['Did they announce funding recently?', 'https://acme.com/blog'],
  ])('%s → %s first', (question, expected) => {
    expect(rankSitePages(home(NAV), question)[0]?.url).toBe(expected);
  });

  it('stays on the site and adds sitemap pages the navigation does not link', () => {
    const ranked = rankSitePages(home(NAV), 'Which customers use Acme robots?', ['https://acme.com/customers', 'https://elsewhere.example/customers']);
    expect(ranked[0]).toEqual({ url: 'https://acme.com/customers', score: 2, reason: 'sitemap' });
    expect(ranked.map((candidate) => candidate.url)).not.toContain('https://partner.example/about');
    expect(ranked.map((candidate) => candidate.url)).not.toContain('https://elsewhere.example/customers');
  });
});

describe('sitemapLocations', () => {
  it('reads <loc> URLs and skips nested sitemaps', () => {
    const xml =
      '<urlset><url><loc> https://acme.com/a?x=1&amp;y=2 </loc></url><url><loc>https://acme.com/sitemap-2.xml</loc></url><url><loc>ftp://x</loc></url></urlset>';
    expect(sitemapLocations(xml)).toEqual(['https://acme.com/a?x=1&y=2']);
  });
});
