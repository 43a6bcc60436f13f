import type { FetchedPage } from '../spec/fetcher.ts';
import { decodeText } from './decode-text.ts';
import { emptyPageMetadata, extractHtmlPage } from './extract-html-page.ts';
import { capText } from './html-to-text.ts';
import type { PageBody } from './read-page-response.ts';

/** Everything about a finished fetch that the page is built from. */
export interface FetchedPageParts {
  requestedUrl: string;
  finalUrl: URL;
  redirects: string[];
  body: PageBody;
}

/**
 * Turns a checked response body into a `FetchedPage`: HTML becomes readable text plus metadata,
 * plain text is kept as is, JSON is pretty-printed. All text is capped at `maxTextLength`.
 */
export function buildFetchedPage(parts: FetchedPageParts, options: { maxTextLength: number; keepHtml: boolean }): FetchedPage {
  const { body } = parts;
  const decoded = decodeText(body.bytes, { headerCharset: body.charset, isHtml: body.kind === 'html' });
  const common = {
    requestedUrl: parts.requestedUrl,
    finalUrl: parts.finalUrl.href,
    status: body.status,
    contentType: body.mediaType,
    fetchedAt: body.receivedAt.toISOString(),
    redirects: parts.redirects,
  };

  if (body.kind === 'html') {
    const extracted = extractHtmlPage(decoded.text, parts.finalUrl, options);
    return { ...common, ...extracted, ...(options.keepHtml ? { html: decoded.text } : {}) };
  }
  const readable = body.kind === 'json' ? prettyJson(decoded.text) : decoded.text.replace(/\r\n?/g, '\n');
  const capped = capText(readable, options.maxTextLength);
  return { ...common, title: null, text: capped.text, isTextTruncated: capped.isTruncated, metadata: emptyPageMetadata() };
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // Served as JSON but not valid JSON: the text as sent is still what the page says.
    return text;
  }
}
