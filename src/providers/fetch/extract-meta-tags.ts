import type { PageMetadata } from '../spec/fetcher.ts';
import { collapseWhitespace } from './html-to-text.ts';
import { resolveHref } from './resolve-link.ts';

/** Facts from `<title>`, `<meta>`, `<link rel=canonical>` and `<html lang>`: the page metadata but its JSON-LD and links. */
export type MetaTags = Omit<PageMetadata, 'jsonLd' | 'skippedJsonLdBlocks' | 'links'>;

/**
 * Reads the standard, OpenGraph and Twitter meta tags. OpenGraph tags are matched on `property`
 * or `name` (sites use both); the first value of a repeated property wins, which for `og:image`
 * is the one the site lists first.
 */
export function extractMetaTags(document: Document, baseUrl: URL): MetaTags {
  const named = new Map<string, string>();
  const openGraph: Record<string, string> = {};
  const twitter: Record<string, string> = {};
  for (const meta of Array.from(document.querySelectorAll('meta'))) {
    const key = (meta.getAttribute('property') ?? meta.getAttribute('name') ?? '').trim().toLowerCase();
    const content = collapseWhitespace(meta.getAttribute('content') ?? '');
    if (key === '' || content === '') continue;
    if (key.startsWith('og:')) openGraph[key.slice(3)] ??= content;
    else if (key.startsWith('twitter:')) twitter[key.slice(8)] ??= content;
    else if (!named.has(key)) named.set(key, content);
  }

  const titleElement = document.querySelector('head title') ?? document.querySelector('title');
  const canonicalHref = Array.from(document.querySelectorAll('link[rel][href]'))
    .find((link) => (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'))
    ?.getAttribute('href');
  const canonical = resolveHref(canonicalHref ?? null, baseUrl);

  return {
    title: nonEmpty(collapseWhitespace(titleElement?.textContent ?? '')),
    description: named.get('description') ?? openGraph['description'] ?? twitter['description'] ?? null,
    keywords: (named.get('keywords') ?? '')
      .split(',')
      .map((keyword) => keyword.trim())
      .filter((keyword) => keyword !== ''),
    author: named.get('author') ?? null,
    canonicalUrl: canonical && /^https?:$/.test(canonical.protocol) ? canonical.href : null,
    language: nonEmpty(document.documentElement?.getAttribute('lang')?.trim() ?? ''),
    openGraph,
    twitter,
  };
}

function nonEmpty(text: string): string | null {
  return text === '' ? null : text;
}
