import { describe, expect, it } from 'vitest';
import { expandRoles } from '../../domain/people/role-variants.ts';
import { extractHtmlPage } from '../../providers/fetch/extract-html-page.ts';
import type { FetchedPage } from '../../providers/spec/fetcher.ts';
import { findingsInSearchResult, findingsOnPage } from './person-evidence.ts';

function page(html: string, url = 'https://acme.test/team'): FetchedPage {
  const extracted = extractHtmlPage(html, new URL(url), { maxTextLength: 20_000 });
  return {
    ...extracted,
    requestedUrl: url,
    finalUrl: url,
    status: 200,
    contentType: 'text/html',
    fetchedAt: '2026-12-06T00:00:00.000Z',
    isTextTruncated: false,
    redirects: [],
  };
}

const sales = expandRoles(['sales leadership']);

describe('people in evidence', () => {
  it('reads list lines, sentences and name/title line pairs, and marks past roles', () => {
    const findings = findingsOnPage(
      page(
        '<html><body><ul><li>Ann Bell — Chief Revenue Officer</li><li>Tom Reed, previously VP Sales</li></ul><p>Dr. Maya Chen, Head of Sales. Our office is in Leeds.</p><h3>Rita Gomez</h3><p>Sales Director</p><p>Sales, Marketing and Support — everyone helps</p></body></html>',
      ),
      sales,
    );
    expect(findings.map((finding) => [finding.full_name, finding.title, finding.is_current])).toEqual([
      ['Ann Bell', 'Chief Revenue Officer', true],
      ['Tom Reed', 'previously VP Sales', false],
      ['Maya Chen', 'Head of Sales', true],
      ['Rita Gomez', 'Sales Director', true],
    ]);
    expect(findings[0]!.excerpt).toBe('Ann Bell — Chief Revenue Officer');
  });

  it('reads JSON-LD employees with their profile URL', () => {
    const jsonLd = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'Organization',
      name: 'Acme',
      employee: [{ '@type': 'Person', name: 'Priya Natarajan', jobTitle: 'Head of Sales', sameAs: ['https://www.linkedin.com/in/priya'] }],
    });
    const [priya] = findingsOnPage(page(`<html><head><script type="application/ld+json">${jsonLd}</script></head><body></body></html>`), sales);
    expect(priya).toMatchObject({ full_name: 'Priya Natarajan', title: 'Head of Sales', profile_url: 'https://www.linkedin.com/in/priya', is_current: true });
  });

  it('reads LinkedIn-shaped results that name the company, and a past role in the snippet', () => {
    const isProfile = (url: string) => url.includes('/in/');
    const result = (title: string, snippet: string) => ({ url: 'https://www.linkedin.com/in/x', title, snippet, position: 1 });
    expect(findingsInSearchResult(result('Grace Okafor - VP Sales - Saltmarsh | LinkedIn', ''), 'Saltmarsh', sales, isProfile)[0]).toMatchObject({
      full_name: 'Grace Okafor',
      title: 'VP Sales',
      is_current: true,
      profile_url: 'https://www.linkedin.com/in/x',
    });
    expect(findingsInSearchResult(result('Grace Okafor - VP Sales - Elsewhere | LinkedIn', ''), 'Saltmarsh', sales, isProfile)).toEqual([]);
    // A company whose name starts another's is not that company.
    expect(findingsInSearchResult(result('Rowan Extra - VP Sales - Company Qab | LinkedIn', ''), 'Company Qa', sales, isProfile)).toEqual([]);
    expect(
      findingsInSearchResult(result('Henry Vale - Advisor - Harbor | LinkedIn', 'Previously VP Sales at Saltmarsh.'), 'Saltmarsh', sales, isProfile)[0]
        ?.is_current,
    ).toBe(false);
    expect(findingsInSearchResult(result('Sales Tips - Saltmarsh blog', ''), 'Saltmarsh', sales, isProfile)).toEqual([]);
  });
});
