import type { FetchedPage } from '../../providers/spec/fetcher.ts';
import { isInstructionLike, splitSentences } from './instruction-filter.ts';

/** A verbatim stretch of a fetched page that supports an answer. */
export interface Excerpt {
  url: string;
  quote: string;
}

/** Excerpts a model offered, sorted into those that hold and those that do not (with why). */
export interface ExcerptCheck {
  valid: Excerpt[];
  rejected: Array<Excerpt & { reason: string }>;
}

const MIN_QUOTE_CHARACTERS = 8;
const MAX_QUOTE_CHARACTERS = 600;

/**
 * Keeps the excerpts a user can check: the URL is a page this cell actually read (cited by the
 * URL it was asked for or the one that answered), and the quote occurs in that page's text,
 * ignoring case, spacing, typographic quotes and dashes. A quote may skip words with "…"; each
 * part must then occur, in order. Instruction-like quotes are refused: they are never evidence.
 * Each page is cited once, by its final URL, with its first valid quote.
 */
export function checkExcerpts(offered: unknown, pages: FetchedPage[]): ExcerptCheck {
  const byUrl = new Map<string, FetchedPage>();
  for (const page of pages) {
    byUrl.set(comparableUrl(page.finalUrl), page);
    byUrl.set(comparableUrl(page.requestedUrl), page);
  }
  const result: ExcerptCheck = { valid: [], rejected: [] };
  const cited = new Set<string>();
  for (const item of Array.isArray(offered) ? offered : []) {
    const url = typeof item?.url === 'string' ? item.url : '';
    const quote = typeof item?.quote === 'string' ? item.quote.trim() : '';
    const page = byUrl.get(comparableUrl(url));
    const reason = !page
      ? 'the URL is not a page this cell read'
      : quote.length < MIN_QUOTE_CHARACTERS || quote.length > MAX_QUOTE_CHARACTERS
        ? `a quote must be ${MIN_QUOTE_CHARACTERS}–${MAX_QUOTE_CHARACTERS} characters`
        : splitSentences(quote).some(isInstructionLike)
          ? 'the quote is an instruction to a model, not evidence'
          : !occursIn(quote, page.text)
            ? 'the quote does not occur in the page'
            : null;
    if (reason !== null) {
      result.rejected.push({ url, quote, reason });
      continue;
    }
    if (cited.has(page!.finalUrl)) continue;
    cited.add(page!.finalUrl);
    result.valid.push({ url: page!.finalUrl, quote });
  }
  return result;
}

/** Whether `quote` occurs in `text` once both are normalised; "…" in the quote skips words. */
export function occursIn(quote: string, text: string): boolean {
  const haystack = normaliseForMatching(text);
  let from = 0;
  const parts = normaliseForMatching(quote)
    .split(/\s*(?:…|\.\.\.)\s*/)
    .filter((part) => part !== '');
  if (parts.length === 0) return false;
  for (const part of parts) {
    const index = haystack.indexOf(part, from);
    if (index < 0) return false;
    from = index + part.length;
  }
  return true;
}

/** Lower case, one space for any run of whitespace, plain quotes and dashes, our look-alike brackets mapped back. */
export function normaliseForMatching(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[‹]/g, '<')
    .replace(/[›]/g, '>')
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033\u201d]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
}

/**
 * True when text repeats a sentence of the agent's own instructions: the reply leaked the system
 * prompt (a page talked the model into it), and is discarded whatever else it says.
 */
export function echoesInstructions(text: string, instructions: string): boolean {
  const haystack = normaliseForMatching(text);
  return splitSentences(instructions.replace(/\n+/g, ' '))
    .map(normaliseForMatching)
    .filter((sentence) => sentence.length >= 30)
    .some((sentence) => haystack.includes(sentence));
}

function comparableUrl(url: string): string {
  const parsed = URL.parse(url.trim());
  if (!parsed) return url.trim();
  parsed.hash = '';
  return parsed.href;
}
