import type { JsonLdEntity } from '../spec/fetcher.ts';
import { jsonLdNodeToEntity } from './json-ld-entity.ts';
import type { JsonLdNode } from './json-ld-entity.ts';
import { bareTypeName, entityKindForType } from './schema-org-types.ts';

/** The JSON-LD entities of a page and how many blocks could not be read. */
export interface JsonLdResult {
  entities: JsonLdEntity[];
  skippedBlocks: number;
}

// How deep nested values are searched for entities (WebPage → publisher → Organization is 2).
const MAX_NESTING = 8;

/**
 * Collects Organization (and subtypes), Person and WebSite nodes from every
 * `<script type="application/ld+json">` block: top-level objects, arrays, `@graph` lists and
 * entities nested in other nodes' properties (an Article's `publisher`). Nodes repeated under
 * the same `@id` are kept once; `{"@id": …}` references are resolved within the page.
 * Blocks that are not valid JSON get one lenient repair attempt and are otherwise skipped.
 */
export function extractJsonLd(document: Document, baseUrl: URL): JsonLdResult {
  const roots: unknown[] = [];
  let skippedBlocks = 0;
  for (const script of Array.from(document.querySelectorAll('script[type]'))) {
    if (!/^\s*application\/ld\+json\s*(;|$)/i.test(script.getAttribute('type') ?? '')) continue;
    const parsed = parseJsonLeniently(script.textContent ?? '');
    if (parsed === undefined) skippedBlocks += 1;
    else roots.push(parsed);
  }

  const nodes: JsonLdNode[] = [];
  for (const root of roots) collectNodes(root, nodes, 0);
  const nodesById = new Map<string, JsonLdNode>();
  for (const node of nodes) {
    const id = node['@id'];
    const known = typeof id === 'string' ? nodesById.get(id) : undefined;
    // A bare {"@id": …} reference may come before the node it points at; the full node wins.
    if (typeof id === 'string' && (!known || Object.keys(known).length === 1)) nodesById.set(id, node);
  }

  const entities: JsonLdEntity[] = [];
  const seen = new Set<string>();
  for (const node of nodes) {
    const types = typesOf(node);
    const kind = types.map(entityKindForType).find((candidate) => candidate !== null);
    if (!kind) continue;
    const identity = typeof node['@id'] === 'string' ? `id:${node['@id']}` : `json:${JSON.stringify(node)}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    entities.push(jsonLdNodeToEntity(node, kind, types, { baseUrl, nodesById }));
  }
  return { entities, skippedBlocks };
}

/**
 * Parses a JSON-LD block, repairing what sites commonly get wrong: HTML comment or CDATA
 * wrappers, raw line breaks inside strings, and trailing commas. Returns undefined when even
 * the repaired text is not JSON.
 */
export function parseJsonLeniently(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    // Fall through to the repaired text; the block is only skipped if that fails too.
  }
  const repaired = trimmed
    .replace(/^(\s*(<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[))+/, '')
    .replace(/((\/\/\s*)?(-->|\]\]>)\s*)+$/, '')
    // Control characters may not appear raw in JSON strings; as spaces they are harmless anywhere.
    .replace(/[\u0000-\u001f]+/g, ' ')
    .replace(/,\s*([}\]])/g, '$1');
  try {
    return JSON.parse(repaired);
  } catch {
    return undefined;
  }
}

function collectNodes(value: unknown, nodes: JsonLdNode[], depth: number): void {
  if (depth > MAX_NESTING || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collectNodes(item, nodes, depth + 1);
    return;
  }
  const node = value as JsonLdNode;
  if ('@type' in node || '@id' in node) nodes.push(node);
  for (const [key, child] of Object.entries(node)) {
    if (key !== '@context') collectNodes(child, nodes, depth + 1);
  }
}

function typesOf(node: JsonLdNode): string[] {
  const raw = node['@type'];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((type): type is string => typeof type === 'string').map(bareTypeName);
}
