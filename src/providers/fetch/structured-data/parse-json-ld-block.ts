import { decodeHTML } from 'entities';
import { jsonrepair } from 'jsonrepair';
import { withoutNul } from '../../../domain/nul-characters.ts';

/**
 * Parses the text of one `<script type="application/ld+json">` block into its top-level values.
 * Strict JSON first; only when that fails, the text is cleaned the way sites break it (leading
 * `//` or `<!-- -->` comment lines and CDATA wrappers, several objects back to back) and each
 * value that is still not JSON goes through `jsonrepair`, a tokenizer that repairs syntax
 * (trailing commas, comments, smart quotes, NBSP indentation, raw line breaks, missing commas)
 * without touching the characters of a string. A block cut short (an unclosed string or
 * bracket) is refused rather than completed: closing it would invent a value.
 * HTML entities that CMSs leave in string values (`&amp;`) are decoded. Returns an empty list
 * when nothing in the block is JSON.
 */
export function parseJsonLdBlock(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const strict = tryParse(trimmed);
  if (strict.ok) return [decodeStrings(strict.value)];
  const cleaned = stripCommentWrappers(trimmed);
  // JSON-LD is an object or an array; anything else (a script assignment, prose) is not repaired into one.
  if (!/^[[{]/.test(cleaned)) return [];
  const pieces = splitTopLevelValues(cleaned);
  if (pieces === null) return [];
  const values: unknown[] = [];
  for (const piece of pieces) {
    const parsed = tryParse(piece);
    const value = parsed.ok ? parsed : tryRepair(piece);
    if (!value.ok) return [];
    values.push(decodeStrings(value.value));
  }
  return values;
}

type Parsed = { ok: true; value: unknown } | { ok: false };

function tryParse(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function tryRepair(text: string): Parsed {
  try {
    return tryParse(jsonrepair(text));
  } catch {
    // jsonrepair gives up on text that is not JSON-shaped at all (a script, prose): skip the block.
    return { ok: false };
  }
}

/** Drops wrapper lines sites put around JSON-LD: `<!--`/`-->`, `//<![CDATA[`/`//]]>`, `// comment` lines. */
function stripCommentWrappers(text: string): string {
  const lines = text.split(/\r?\n/);
  const isWrapper = (line: string) => /^\s*(<!--|-->|<!--.*-->|(\/\/\s*)?<!\[CDATA\[|(\/\/\s*)?\]\]>|\/\/.*)\s*$/.test(line);
  while (lines.length > 0 && isWrapper(lines[0]!)) lines.shift();
  while (lines.length > 0 && isWrapper(lines.at(-1)!)) lines.pop();
  return lines
    .join('\n')
    .replace(/^\s*(<!--|(\/\/\s*)?<!\[CDATA\[)/, '')
    .replace(/((\/\/\s*)?(-->|\]\]>))\s*$/, '')
    .replace(/;\s*$/, '')
    .trim();
}

/**
 * Cuts text holding several JSON values back to back (`{…}{…}`, `{…}\n{…}`) into one piece per
 * value, by bracket depth outside double-quoted strings. Null when the text ends inside a string
 * or with a bracket left open: a truncated block.
 */
function splitTopLevelValues(text: string): string[] | null {
  const pieces: string[] = [];
  let depth = 0;
  let isInString = false;
  let start = -1;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (isInString) {
      if (character === '\\') index += 1;
      else if (character === '"') isInString = false;
      continue;
    }
    if (character === '"') isInString = true;
    else if (character === '{' || character === '[') {
      if (depth === 0) start = index;
      depth += 1;
    } else if (character === '}' || character === ']') {
      depth -= 1;
      if (depth === 0 && start >= 0) {
        pieces.push(text.slice(start, index + 1));
        start = -1;
      }
      // More closing than opening brackets: not something a split can make sense of.
      if (depth < 0) return [text];
    }
  }
  if (isInString || depth !== 0) return null;
  return pieces.length > 0 ? pieces : [text];
}

function decodeStrings(value: unknown): unknown {
  if (typeof value === 'string') return withoutNul(value.includes('&') ? decodeHTML(value) : value);
  if (Array.isArray(value)) return value.map(decodeStrings);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, decodeStrings(child)]));
  return value;
}
