import { neutraliseMarkup } from '../untrusted-text.ts';
import type { EvidencePage } from './passage-selection.ts';

/**
 * The pages as one delimited block of a prompt. Page text can contain anything, including text
 * that looks like our delimiters; angle brackets are swapped for look-alikes so it can never
 * close a page or the block and talk outside it. Quote checking maps them back.
 */
export function renderEvidence(pages: EvidencePage[]): string {
  if (pages.length === 0) return '<evidence>\n(no page could be read)\n</evidence>';
  const blocks = pages.map((page, index) => {
    const attributes = [`index="${index + 1}"`, `url="${escapeAttribute(page.url)}"`, `fetched_at="${page.fetchedAt}"`];
    if (page.title) attributes.push(`title="${escapeAttribute(page.title)}"`);
    return `<page ${attributes.join(' ')}>\n${page.passages.map(neutraliseMarkup).join('\n…\n')}\n</page>`;
  });
  return `<evidence>\n${blocks.join('\n')}\n</evidence>`;
}

function escapeAttribute(value: string): string {
  return neutraliseMarkup(value).replaceAll('"', '”');
}
