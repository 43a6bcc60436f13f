import type { Quad } from '@rdfjs/types';
import type * as MicrodataModule from 'microdata-rdf-streaming-parser';
import type * as RdfaModule from 'rdfa-streaming-parser';
import { lazyModule } from '../../../lazy-module.ts';
import type { StructuredDataSyntax } from '../../spec/fetcher.ts';
import type { JsonLdNode } from './structured-entity.ts';

const microdataParser = lazyModule<typeof MicrodataModule>('microdata-rdf-streaming-parser');
const rdfaParser = lazyModule<typeof RdfaModule>('rdfa-streaming-parser');

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const SCHEMA_ORG = /^https?:\/\/(www\.)?(schema\.org|data-vocabulary\.org)\//i;

/** The nodes of one markup syntax, shaped like expanded JSON-LD: `@id`, `@type`, then property lists. */
export interface SyntaxRoots {
  syntax: StructuredDataSyntax;
  roots: JsonLdNode[];
}

/**
 * Reads the page's microdata (`itemscope`/`itemprop`, `itemref`, `<link itemprop>` and
 * `<meta itemprop>` included) and RDFa (1.1 and Lite: `vocab`, `typeof`, `property`,
 * `resource`, `prefix`) through their W3C-conformant streaming parsers, and regroups the triples
 * into nodes. Only schema.org properties are kept; OpenGraph `<meta property>` tags are read by
 * the meta-tag extractor instead. The parsers run only when the HTML carries their attributes
 * (`itemscope`; `typeof` or `vocab`).
 */
export function extractMicrodataAndRdfa(html: string, pageUrl: URL): SyntaxRoots[] {
  const found: SyntaxRoots[] = [];
  if (/\sitemscope\b/i.test(html))
    found.push({ syntax: 'microdata', roots: nodesOf(parseQuads(microdataParser().MicrodataRdfParser as unknown as QuadParserClass, html, pageUrl)) });
  // Without typeof or vocab RDFa makes no typed node: OpenGraph's <meta property> tags alone do not need the parser.
  if (/\s(typeof|vocab)\s*=/i.test(html))
    found.push({ syntax: 'rdfa', roots: nodesOf(parseQuads(rdfaParser().RdfaParser as unknown as QuadParserClass, html, pageUrl)) });
  return found.filter((entry) => entry.roots.length > 0);
}

interface QuadStreamParser {
  _transform(chunk: unknown, encoding: string, callback: (error?: Error | null) => void): void;
  _flush(callback: (error?: Error | null) => void): void;
}

type QuadParserClass = new (options: { baseIRI: string; contentType: string }) => QuadStreamParser;

/**
 * Runs a streaming parser over a whole document synchronously: both parsers emit each triple
 * through `push` while their HTML tokenizer runs inside `_transform` and `_flush`, so collecting
 * what is pushed gives every triple before this returns, with no stream machinery involved.
 */
function parseQuads(Parser: QuadParserClass, html: string, pageUrl: URL): Quad[] {
  const quads: Quad[] = [];
  const Collecting = class extends Parser {
    push(chunk: unknown): boolean {
      if (chunk) quads.push(chunk as Quad);
      return true;
    }
  };
  const parser = new Collecting({ baseIRI: pageUrl.href, contentType: 'text/html' });
  const rethrow = (error?: Error | null) => {
    if (error) throw error;
  };
  try {
    parser._transform(html, 'utf8', rethrow);
    parser._flush(rethrow);
  } catch {
    // Markup the parser cannot follow yields what was read before it; the page is still read as text.
  }
  return quads;
}

/**
 * Triples regrouped by subject into nested nodes, the shape JSON-LD authors write: a node that
 * another points at is placed inside it (once per place it is used), and the subjects nothing
 * points at are the roots. An object that no triple describes stays a plain value (an href).
 */
function nodesOf(quads: Quad[]): JsonLdNode[] {
  const nodes = new Map<string, JsonLdNode>();
  const referenced = new Set<string>();
  const keyOf = (term: Quad['subject'] | Quad['object']) => (term.termType === 'BlankNode' ? `_:${term.value}` : term.value);
  for (const quad of quads) {
    const predicate = quad.predicate.value;
    const isType = predicate === RDF_TYPE;
    if (!isType && !SCHEMA_ORG.test(predicate)) continue;
    const subject = keyOf(quad.subject);
    const node = nodes.get(subject) ?? { '@id': subject };
    nodes.set(subject, node);
    const property = isType ? '@type' : predicate.replace(SCHEMA_ORG, '');
    const object = quad.object;
    let value: unknown;
    if (isType) value = object.value.replace(SCHEMA_ORG, '');
    else if (object.termType === 'Literal') value = object.value;
    else value = { '@id': keyOf(object) };
    const list = (node[property] as unknown[] | undefined) ?? [];
    list.push(value);
    node[property] = list;
  }
  for (const node of nodes.values()) {
    for (const values of Object.values(node)) {
      if (!Array.isArray(values)) continue;
      for (const value of values) {
        const id = (value as { '@id'?: string } | null)?.['@id'];
        if (id !== undefined && nodes.has(id)) referenced.add(id);
      }
    }
  }
  const placed = new Set<string>();
  const inline = (key: string, ancestors: Set<string>): JsonLdNode => {
    const node = nodes.get(key)!;
    placed.add(key);
    const nested: JsonLdNode = {};
    for (const [property, values] of Object.entries(node)) {
      if (!Array.isArray(values)) {
        nested[property] = values;
        continue;
      }
      nested[property] = values.map((value) => {
        const id = (value as { '@id'?: string } | null)?.['@id'];
        if (id === undefined) return value;
        if (!nodes.has(id)) return id.startsWith('_:') ? null : id;
        // A cycle (a node pointing back at an ancestor) stays a reference.
        return ancestors.has(id) ? { '@id': id } : inline(id, new Set([...ancestors, id]));
      });
    }
    return nested;
  };
  const roots = [...nodes.keys()].filter((key) => !referenced.has(key)).map((key) => inline(key, new Set([key])));
  // Nodes that only point at each other (a page whose mainEntity points back at it) have no root.
  for (const key of nodes.keys()) if (!placed.has(key)) roots.push(inline(key, new Set([key])));
  return roots;
}
