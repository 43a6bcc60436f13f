import { Readability } from '@mozilla/readability';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { extractReadableText } from './extract-readable-text.ts';
import { parseHtmlDocument } from './parse-html-document.ts';

const NAVIGATION = `<header><nav><a href="/">Home</a> <a href="/product">Product</a> <a href="/pricing">Pricing</a>
  <a href="/about">About</a> <a href="/login">Log in</a></nav></header>`;
const FOOTER = '<footer><p>© 2026 Fabrikam, Inc. · 500 Main St, Boise · Privacy · Terms</p></footer>';

const paragraph = (topic: string) =>
  `<p>${topic} is something Fabrikam has written about at length, because customers keep asking how it works,
   what it costs to run, and how long it takes before a warehouse sees a return on the investment.</p>`;

describe('extractReadableText', () => {
  it('uses the Readability article of an article page, without navigation or footer', () => {
    const document = parseHtmlDocument(`<!doctype html><html><head><title>Blog</title></head><body>${NAVIGATION}
      <main><article><h1>How autonomous forklifts pay for themselves</h1>
      ${['Battery life', 'Route planning', 'Safety certification', 'Maintenance', 'Training', 'Insurance', 'Financing'].map(paragraph).join('')}
      </article></main>${FOOTER}</body></html>`);
    const readable = extractReadableText(document);
    expect(readable.source).toBe('article');
    expect(readable.text).toContain('Battery life is something Fabrikam has written about at length');
    expect(readable.text).not.toContain('Log in');
    expect(readable.text).not.toContain('Privacy · Terms');
  });

  it('falls back to the whole body on a home page of small sections', () => {
    const document = parseHtmlDocument(`<!doctype html><html><head><title>Fabrikam</title></head><body>${NAVIGATION}
      <section><h1>Robots for every aisle</h1><p>Fabrikam builds forklifts that drive themselves.</p></section>
      <section><h2>Customers</h2><ul><li>Contoso</li><li>Northwind</li><li>Tailspin</li></ul></section>
      <section><h2>Pricing</h2><p>From $900 a month.</p></section>${FOOTER}</body></html>`);
    const readable = extractReadableText(document);
    expect(readable.source).toBe('body');
    expect(readable.text).toContain('Robots for every aisle\n\nFabrikam builds forklifts that drive themselves.');
    expect(readable.text).toContain('- Contoso\n- Northwind\n- Tailspin');
    expect(readable.text).toContain('500 Main St, Boise');
  });

  it('leaves out scripts, styles and hidden elements, and does not modify the document', () => {
    const html = `<html><head><style>p { color: red }</style></head><body>
      <p>Visible text.</p><script>window.secret = "script text"</script>
      <div hidden>Hidden attribute.</div><div style="display: none">Display none.</div>
      <div aria-hidden="true">Aria hidden.</div><noscript>Enable JavaScript.</noscript></body></html>`;
    const document = parseHtmlDocument(html);
    const before = document.documentElement.outerHTML;
    const readable = extractReadableText(document);
    expect(readable.text).toBe('Visible text.');
    expect(document.documentElement.outerHTML).toBe(before);
  });

  it('returns empty text for an empty body', () => {
    expect(extractReadableText(parseHtmlDocument('<html><head><title>x</title></head><body></body></html>')).text).toBe('');
  });

  describe('Readability runs only where an article could be used', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it('skips it when the body text is shorter than an article must be (it cloned and parsed every short page)', () => {
      const parse = vi.spyOn(Readability.prototype, 'parse');
      const readable = extractReadableText(
        parseHtmlDocument(`<html><body>${NAVIGATION}<ul><li>Ann Bell — Chief Revenue Officer</li><li>Omar Haddad — VP Sales</li></ul>${FOOTER}</body></html>`),
      );
      expect(parse).not.toHaveBeenCalled();
      expect(readable).toEqual({ text: expect.stringContaining('- Ann Bell — Chief Revenue Officer'), source: 'body', articleTitle: null });
    });

    it('still runs it on a page long enough to hold an article', () => {
      const parse = vi.spyOn(Readability.prototype, 'parse');
      extractReadableText(parseHtmlDocument(`<html><body><article>${['A', 'B', 'C', 'D', 'E', 'F', 'G'].map(paragraph).join('')}</article></body></html>`));
      expect(parse).toHaveBeenCalledTimes(1);
    });
  });
});
