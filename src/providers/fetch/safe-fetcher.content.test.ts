import { describe, expect, it } from 'vitest';
import { PROMPT_INJECTION_TEXT } from '../../../test/fixtures/fixture-web/index.ts';
import { DEFAULT_USER_AGENT } from './fetcher-options.ts';
import type { FetchLogger } from './fetcher-options.ts';
import { useFetcherHarness } from '../../../test/fixtures/fixture-web/fetcher-harness.ts';

const harness = useFetcherHarness();

describe('SafeFetcher content', () => {
  it('refuses a PDF without handing its bytes on', async () => {
    await expect(harness.fetcher().fetchPage(harness.web().urlFor('edge-cases', '/report.pdf'))).rejects.toMatchObject({
      code: 'unsupported_content_type',
      isRetryable: false,
      message: expect.stringContaining('is a PDF document (application/pdf); only HTML, plain text and JSON pages can be read'),
    });
  });

  it('refuses a PDF served as text/html', async () => {
    await expect(harness.fetcher().fetchPage(harness.web().urlFor('edge-cases', '/disguised-pdf'))).rejects.toMatchObject({
      code: 'unsupported_content_type',
      message: expect.stringContaining('a PDF document (served as text/html)'),
    });
  });

  it('extracts text, JSON-LD, links and metadata from a company home page', async () => {
    const web = harness.web();
    const fetchedAt = new Date('2026-03-01T09:00:00.000Z');
    const page = await harness.fetcher({ now: () => fetchedAt }).fetchPage(web.urlFor('acme', '/'));
    expect(page).toMatchObject({
      status: 200,
      contentType: 'text/html',
      fetchedAt: '2026-03-01T09:00:00.000Z',
      title: 'Acme Robotics — Warehouse robots',
      isTextTruncated: false,
      redirects: [],
    });
    expect(page.html).toBeUndefined();
    expect(page.text).toContain('Acme Robotics builds autonomous warehouse robots for mid-sized retailers.');
    expect(page.text).toContain('1 Gearbox Way, Springfield');
    const organization = page.metadata.structuredData.find((entity) => entity.kind === 'organization');
    expect(organization).toMatchObject({ name: 'Acme Robotics', legalName: 'Acme Robotics, Inc.', numberOfEmployees: '51-200', foundingDate: '2014-03-01' });
    expect(page.metadata.links.social.map((profile) => profile.network)).toEqual(['linkedin_company', 'x', 'github', 'youtube', 'crunchbase']);
    expect(page.metadata.links.emails).toEqual(['hello@acme.test']);
    expect(page.metadata.links.phones).toEqual(['+15550100199']);
    expect(page.metadata.links.internalPages.map((link) => link.kind)).toEqual(['about', 'pricing', 'careers', 'team', 'contact', 'blog', 'docs']);
    expect(web.requestsTo('acme', '/')[0]?.userAgent).toBe(DEFAULT_USER_AGENT);
  });

  it('reads an OpenGraph-only site', async () => {
    const page = await harness.fetcher().fetchPage(harness.web().urlFor('globex', '/'));
    expect(page.metadata.structuredData).toEqual([]);
    expect(page.metadata.openGraph).toMatchObject({ site_name: 'Globex Analytics', image: 'https://globex.test/og.png' });
    expect(page.metadata.description).toBe('Demand forecasting for logistics companies.');
    expect(page.metadata.canonicalUrl).toBe(harness.web().urlFor('globex', '/'));
  });

  it('keeps the decoded HTML only when asked to', async () => {
    const page = await harness.fetcher({ keepHtml: true }).fetchPage(harness.web().urlFor('initech', '/'));
    expect(page.html).toContain('<h1>Initech</h1>');
  });

  it('returns visible prompt-injection text as plain page text and drops hidden text', async () => {
    const page = await harness.fetcher().fetchPage(harness.web().urlFor('edge-cases', '/prompt-injection'));
    expect(page.text).toContain(PROMPT_INJECTION_TEXT);
    expect(page.text).not.toContain('SYSTEM:');
  });

  it('returns plain text as is and JSON pretty-printed, with empty metadata', async () => {
    const web = harness.web();
    const text = await harness.fetcher().fetchPage(web.urlFor('initech', '/notes.txt'));
    expect(text).toMatchObject({ contentType: 'text/plain', title: null, text: 'Initech notes\nLine two.\n' });
    const json = await harness.fetcher().fetchPage(web.urlFor('edge-cases', '/data.json'));
    expect(json.text).toBe(JSON.stringify({ company: 'Edge Cases Ltd', employees: 42, offices: ['Leeds', 'Bonn'] }, null, 2));
    expect(json.metadata.links.internalPages).toEqual([]);
  });

  it('caps JSON and text at maxTextLength', async () => {
    const page = await harness.fetcher({ maxTextLength: 20 }).fetchPage(harness.web().urlFor('edge-cases', '/data.json'));
    expect(page.text.length).toBeLessThanOrEqual(20);
    expect(page.isTextTruncated).toBe(true);
  });

  it('decodes gzip bodies, legacy charsets, and sniffs a missing Content-Type', async () => {
    const web = harness.web();
    const fetcher = harness.fetcher();
    expect((await fetcher.fetchPage(web.urlFor('edge-cases', '/gzip'))).text).toBe('This page travelled gzip-compressed.');
    expect(await fetcher.fetchPage(web.urlFor('edge-cases', '/latin1'))).toMatchObject({ title: 'Café', text: 'Café Müller € 5' });
    expect(await fetcher.fetchPage(web.urlFor('edge-cases', '/no-content-type'))).toMatchObject({
      contentType: 'text/html',
      title: 'Undeclared',
    });
  });

  it('logs one line per fetch with its purpose', async () => {
    const lines: Array<{ level: string; message: string; fields: Record<string, unknown> }> = [];
    const logger: FetchLogger = {
      info: (fields, message) => lines.push({ level: 'info', message, fields }),
      warn: (fields, message) => lines.push({ level: 'warn', message, fields }),
    };
    const fetcher = harness.fetcher({ logger });
    await fetcher.fetchPage(harness.web().urlFor('initech', '/'), { purpose: 'company_profile:home' });
    await expect(fetcher.fetchPage(harness.web().urlFor('edge-cases', '/report.pdf'))).rejects.toThrow();
    expect(lines.map((line) => [line.level, line.message])).toEqual([
      ['info', 'page-fetched'],
      ['warn', 'page-fetch-failed'],
    ]);
    expect(lines[0]?.fields).toMatchObject({ status: 200, purpose: 'company_profile:home' });
    expect(lines[1]?.fields).toMatchObject({ code: 'unsupported_content_type' });
  });
});
