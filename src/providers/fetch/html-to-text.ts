// Elements whose content is never readable text.
const SKIPPED_ELEMENTS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'canvas',
  'iframe',
  'object',
  'embed',
  'head',
  'select',
  'option',
  'button',
  'input',
  'textarea',
  'video',
  'audio',
  'picture',
  'map',
]);

// Elements that start and end a line; text inside them is kept apart from its neighbours.
const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'ul',
  'caption',
]);

// Blocks that read as paragraphs get a blank line around them rather than a single break.
const PARAGRAPH_ELEMENTS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'ul', 'ol', 'section', 'article']);

/**
 * Renders an element's visible text with its block structure: paragraphs and headings on their
 * own lines, list items prefixed with "- ", table cells separated by " | ". Scripts, styles and
 * form controls are skipped. The result is whitespace-normalised.
 */
export function htmlElementToText(root: Element): string {
  const parts: string[] = [];
  walk(root, parts);
  // Adjacent block edges (`</li><li>`, `</p></div>`) merge into the larger break, so nesting
  // never stacks up blank lines.
  const joined = parts.join('').replace(/[ \t]*[\u0001\u0002][\u0001\u0002 \t]*/g, (run) => (run.includes('\u0002') ? '\n\n' : '\n'));
  return normaliseWhitespace(joined);
}

// Placeholders for block edges while walking: a line break and a paragraph break.
const LINE_BREAK = '\u0001';
const PARAGRAPH_BREAK = '\u0002';

function walk(node: Node, parts: string[], isPreformatted = false): void {
  if (node.nodeType === 3) {
    const text = node.textContent ?? '';
    // Source line breaks are just spaces in HTML, except inside <pre>.
    parts.push(isPreformatted ? text : text.replace(/\s+/g, ' '));
    return;
  }
  if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
  const name = node.nodeType === 1 ? (node as Element).localName : '';
  if (SKIPPED_ELEMENTS.has(name) || (node.nodeType === 1 && isHidden(node as Element))) return;
  if (name === 'br') {
    parts.push('\n');
    return;
  }
  const isBlock = BLOCK_ELEMENTS.has(name);
  const separator = PARAGRAPH_ELEMENTS.has(name) ? PARAGRAPH_BREAK : LINE_BREAK;
  if (isBlock) parts.push(separator);
  if (name === 'li') parts.push('- ');
  if (name === 'td' || name === 'th') parts.push(' | ');
  for (const child of Array.from(node.childNodes)) walk(child, parts, isPreformatted || name === 'pre');
  if (isBlock) parts.push(separator);
}

// Text a visitor cannot see is not part of the page for us either; hidden text is also a
// favourite place for instructions aimed at models.
function isHidden(element: Element): boolean {
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const style = element.getAttribute('style');
  return style !== null && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/**
 * Collapses runs of spaces and tabs, trims every line, and keeps at most one blank line between
 * paragraphs. Non-breaking and zero-width spaces count as whitespace.
 */
export function normaliseWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\u200b|\u200c|\u200d|\ufeff/g, '')
    .replace(/[^\S\n]+/g, ' ')
    .split('\n')
    .map((line) => line.trim().replace(/^\| /, '').replace(/ \|$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Collapses all whitespace, line breaks included, to single spaces: for titles, labels, attribute values. */
export function collapseWhitespace(text: string): string {
  return text.replace(/(?:\s|\u200b|\u200c|\u200d|\ufeff)+/g, ' ').trim();
}

/** Cuts `text` to at most `maxLength` characters, at a word boundary when one is near. */
export function capText(text: string, maxLength: number): { text: string; isTruncated: boolean } {
  if (text.length <= maxLength) return { text, isTruncated: false };
  const cut = text.slice(0, maxLength);
  const lastBreak = Math.max(cut.lastIndexOf(' '), cut.lastIndexOf('\n'));
  // Only back up to a word boundary when it costs little; a giant token is cut where it is.
  const end = lastBreak > maxLength * 0.9 ? lastBreak : maxLength;
  return { text: cut.slice(0, end).trimEnd(), isTruncated: true };
}
