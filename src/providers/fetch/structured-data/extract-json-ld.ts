import { parseJsonLdBlock } from './parse-json-ld-block.ts';

/** The top-level values of a page's JSON-LD blocks, and how many blocks could not be read. */
export interface JsonLdBlocks {
  roots: unknown[];
  skippedBlocks: number;
}

/**
 * Reads every `<script type="application/ld+json">` block of the page (type parameters and
 * case ignored), leniently (`parseJsonLdBlock`); a block that is not JSON even after repair is
 * counted and skipped, never guessed at.
 */
export function extractJsonLdBlocks(document: Document): JsonLdBlocks {
  const roots: unknown[] = [];
  let skippedBlocks = 0;
  for (const script of Array.from(document.querySelectorAll('script[type]'))) {
    if (!/^\s*application\/ld\+json\s*(;|$)/i.test(script.getAttribute('type') ?? '')) continue;
    const text = script.textContent ?? '';
    if (text.trim() === '') continue;
    const values = parseJsonLdBlock(text);
    if (values.length === 0) skippedBlocks += 1;
    else roots.push(...values);
  }
  return { roots, skippedBlocks };
}
