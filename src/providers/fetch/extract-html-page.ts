import type { PageMetadata } from '../spec/fetcher.ts';
import { extractLinks } from './extract-links.ts';
import { extractMetaTags } from './extract-meta-tags.ts';
import { extractReadableText } from './extract-readable-text.ts';
import { capText, collapseWhitespace } from './html-to-text.ts';
import { parseHtmlDocument } from './parse-html-document.ts';
import { documentBaseUrl } from './resolve-link.ts';
import { extractStructuredData } from './structured-data/extract-structured-data.ts';

/** What an HTML page yields for a model. */
export interface ExtractedHtmlPage {
  title: string | null;
  text: string;
  isTextTruncated: boolean;
  metadata: PageMetadata;
}

/**
 * Parses HTML and extracts its readable text (capped at `maxTextLength` characters) and metadata.
 * `pageUrl` is the URL the HTML was served from; relative links resolve against it (or its
 * `<base href>`). Metadata is read before Readability runs, on the untouched document.
 */
export function extractHtmlPage(html: string, pageUrl: URL, options: { maxTextLength: number }): ExtractedHtmlPage {
  const document = parseHtmlDocument(html);
  const baseUrl = documentBaseUrl(document, pageUrl);
  const metaTags = extractMetaTags(document, baseUrl);
  const structuredData = extractStructuredData(document, html, baseUrl);
  const links = extractLinks(document, pageUrl, baseUrl);
  const readable = extractReadableText(document);
  const capped = capText(readable.text, options.maxTextLength);
  const firstHeading = collapseWhitespace(document.querySelector('h1')?.textContent ?? '') || null;

  return {
    title: metaTags.title ?? metaTags.openGraph['title'] ?? firstHeading ?? readable.articleTitle,
    text: capped.text,
    isTextTruncated: capped.isTruncated,
    metadata: {
      ...metaTags,
      structuredData: structuredData.entities,
      skippedJsonLdBlocks: structuredData.skippedJsonLdBlocks,
      links,
    },
  };
}

/** Metadata for content that has none (plain text, JSON). */
export function emptyPageMetadata(): PageMetadata {
  return {
    title: null,
    description: null,
    keywords: [],
    author: null,
    canonicalUrl: null,
    language: null,
    openGraph: {},
    openGraphProperties: {},
    twitter: {},
    structuredData: [],
    skippedJsonLdBlocks: 0,
    links: { social: [], emails: [], phones: [], internalPages: [] },
  };
}
