import type { StructuredEntity } from '../../spec/fetcher.ts';
import { buildEntityGraph } from './entity-graph.ts';
import { extractHCards } from './extract-h-cards.ts';
import { extractJsonLdBlocks } from './extract-json-ld.ts';
import { extractMicrodataAndRdfa } from './extract-microdata-and-rdfa.ts';

/** The organizations, people and web sites a page describes in markup. */
export interface StructuredData {
  entities: StructuredEntity[];
  /** JSON-LD blocks that were not JSON even after repair. */
  skippedJsonLdBlocks: number;
}

/**
 * Reads every structured-data syntax sites use (JSON-LD, microdata, RDFa, h-card) into one
 * entity graph, so an `@id` in one block (or syntax) resolves against nodes in another.
 * `baseUrl` is the page's base (`<base href>` or its URL); relative URLs and ids resolve against it.
 */
export function extractStructuredData(document: Document, html: string, baseUrl: URL): StructuredData {
  const jsonLd = extractJsonLdBlocks(document);
  const entities = buildEntityGraph(
    [{ syntax: 'json-ld', roots: jsonLd.roots }, ...extractMicrodataAndRdfa(html, baseUrl), ...extractHCards(html, baseUrl)],
    baseUrl,
  );
  return { entities, skippedJsonLdBlocks: jsonLd.skippedBlocks };
}
