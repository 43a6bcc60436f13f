import type { PageMetadata } from '../spec/fetcher.ts';
import { collapseWhitespace } from './html-to-text.ts';
import { resolveHref } from './resolve-link.ts';

/** Facts from `<title>`, `<meta>`, `<link rel=canonical>` and `<html lang>`: the page metadata but its JSON-LD and links. */
export type MetaTags = Omit<PageMetadata, 'structuredData' | 'skippedJsonLdBlocks' | 'links'>;

// OpenGraph's vocabularies: the core `og:` and the object families sites publish beside it.
const OPEN_GRAPH_FAMILY = /^(og|article|business|place|profile|book|music|video|fb|product|restaurant):/;

/**
 * Reads the standard, OpenGraph and Twitter meta tags. OpenGraph tags are matched on `property`
 * or `name` (sites use both). `openGraph` and `twitter` keep the first value of a repeated
 * property (for `og:image`, the one the site lists first); `openGraphProperties` keeps every
 * value of every OpenGraph family (`article:publisher`, `business:contact_data:locality`…).
 */
export function extractMetaTags(document: Document, baseUrl: URL): MetaTags {
  const named = new Map<string, string>();
  const openGraph: Record<string, string> = {};
  const twitter: Record<string, string> = {};
  const openGraphProperties: Record<string, string[]> = {};
  for (const meta of Array.from(document.querySelectorAll('meta'))) {
    const key = (meta.getAttribute('property') ?? meta.getAttribute('name') ?? '').trim().toLowerCase();
    const content = collapseWhitespace(meta.getAttribute('content') ?? '');
    if (key === '' || content === '') continue;
    if (OPEN_GRAPH_FAMILY.test(key)) openGraphProperties[key] = [...(openGraphProperties[key] ?? []), content];
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
    openGraphProperties,
    twitter,
  };
}

function nonEmpty(text: string): string | null {
  return text === '' ? null : text;
}
