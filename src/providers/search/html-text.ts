import { withoutNul } from '../../domain/nul-characters.ts';

/**
 * Turns the HTML fragments providers put in titles and snippets (Brave wraps matches in
 * `<strong>`, engines behind SearXNG leak `<em>`, `&amp;`…) into plain text.
 */

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
};

/** Blocks whose content is never readable text. */
const INVISIBLE_BLOCK = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
/** Inline tags vanish without a space, so "<strong>Acme</strong>'s" reads "Acme's". */
const INLINE_TAG = /<\/?(a|abbr|b|bdi|bdo|cite|code|em|i|kbd|mark|q|s|small|span|strong|sub|sup|time|u|var)\b[^<>]*>/gi;
/** Any other tag separates words. Only what looks like a tag, so prose such as "a < b > c" survives. */
const TAG = /<\/?[a-zA-Z][^<>]*>|<!--[\s\S]*?-->/g;
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g;

/**
 * Strips tags, decodes entities and collapses whitespace; the result is trimmed. U+0000 (which a
 * provider's JSON can carry, and HTML cannot) is dropped: titles become company names, stored as
 * text PostgreSQL refuses with it.
 */
export function htmlToPlainText(html: string): string {
  const withoutTags = html.replace(INVISIBLE_BLOCK, ' ').replace(INLINE_TAG, '').replace(TAG, ' ');
  // Entities are decoded after tags are removed, so an escaped "&lt;b&gt;" stays literal text.
  const decoded = withoutTags.replace(ENTITY, (entity, body: string) => decodeEntity(body) ?? entity);
  return withoutNul(decoded).replace(/\s+/g, ' ').trim();
}

function decodeEntity(body: string): string | undefined {
  if (body.startsWith('#')) {
    const codePoint = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    const isValidCodePoint = Number.isInteger(codePoint) && codePoint > 0 && codePoint <= 0x10ffff;
    return isValidCodePoint ? String.fromCodePoint(codePoint) : undefined;
  }
  return NAMED_ENTITIES[body.toLowerCase()];
}

/** Cuts `text` to at most `maximum` characters at a word boundary, marking the cut with "…". */
export function truncateText(text: string, maximum: number): string {
  if (text.length <= maximum) return text;
  const cut = text.slice(0, maximum - 1);
  const lastSpace = cut.lastIndexOf(' ');
  // Cutting mid-word is better than dropping most of the text when there is no space nearby.
  const wordBoundary = lastSpace > maximum * 0.6 ? cut.slice(0, lastSpace) : cut;
  return `${wordBoundary.trimEnd()}…`;
}
