import type { EntityReference, StructuredDataSyntax, StructuredEntity } from '../../spec/fetcher.ts';
import { bareTypeName, entityKindForType } from './schema-org-types.ts';
import { type JsonLdNode, toStructuredEntity } from './structured-entity.ts';

/** The top-level values of one syntax on the page (JSON-LD block values, or microdata/RDFa/h-card roots). */
export interface SyntaxValues {
  syntax: StructuredDataSyntax;
  roots: unknown[];
}

// How deep nested values are searched for entities (WebPage → publisher → Organization is 2).
const MAX_NESTING = 10;
const SCHEMA_PROPERTY_PREFIX = /^(https?:\/\/(www\.)?schema\.org\/|schema:)/i;

interface CollectedNode {
  node: JsonLdNode;
  syntax: StructuredDataSyntax;
  isTopLevel: boolean;
  referencedBy: EntityReference[];
}

interface Holder {
  types: string[];
  id: string | null;
  url: string | null;
  path: string[];
}

/**
 * Builds the page's entity graph from every syntax at once: each node is found wherever it
 * stands (top level, `@graph`, nested in another node's property), nodes sharing an `@id` are
 * one node (across blocks and syntaxes, properties merged), and every place a node is held,
 * inline or by `{"@id": …}` reference, is recorded with the holder's types and the property
 * path. Organizations, people and web sites come out as entities; which of them is the site's
 * own organisation is decided by the caller from those references.
 */
export function buildEntityGraph(values: SyntaxValues[], baseUrl: URL): StructuredEntity[] {
  const collected: CollectedNode[] = [];
  const pendingReferences: Array<{ id: string; reference: EntityReference }> = [];
  const absoluteId = (id: unknown): string | null => {
    if (typeof id !== 'string' || id.trim() === '') return null;
    if (id.startsWith('_:')) return id;
    return URL.parse(id.trim(), baseUrl)?.href ?? id.trim();
  };

  const visit = (value: unknown, syntax: StructuredDataSyntax, holder: Holder | null, property: string | null, depth: number): void => {
    if (depth > MAX_NESTING || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, syntax, holder, property, depth + 1);
      return;
    }
    const node = { ...(value as JsonLdNode) };
    const id = absoluteId(node['@id']);
    if (id !== null) node['@id'] = id;
    const keys = Object.keys(node).filter((key) => key !== '@context');
    if (id !== null && keys.length === 1) {
      if (holder && property) pendingReferences.push({ id, reference: referenceFrom(holder, property) });
      return;
    }
    if ('@value' in node) return;
    if ('@graph' in node) {
      // A @graph at the top of a block lists top-level nodes; anywhere else they belong to its holder.
      visit(node['@graph'], syntax, holder, property, depth + 1);
      if (keys.every((key) => key === '@graph' || key === '@id')) return;
    }
    const types = typesOf(node);
    collected.push({ node, syntax, isTopLevel: holder === null, referencedBy: holder && property ? [referenceFrom(holder, property)] : [] });
    const self: Holder = {
      types,
      id,
      url: typeof node['url'] === 'string' ? (URL.parse(node['url'], baseUrl)?.href ?? null) : null,
      path: holder && property ? [...holder.path, property] : [],
    };
    for (const [key, child] of Object.entries(node)) {
      if (key.startsWith('@')) continue;
      visit(child, syntax, self, key, depth + 1);
    }
  };
  for (const { syntax, roots } of values) for (const root of roots) visit(normaliseKeys(root, 0), syntax, null, null, 0);

  const merged = mergeById(collected);
  const byId = new Map<string, CollectedNode>();
  for (const entry of merged) if (typeof entry.node['@id'] === 'string') byId.set(entry.node['@id'], entry);
  for (const { id, reference } of pendingReferences) byId.get(id)?.referencedBy.push(reference);

  const nodesById = new Map([...byId].map(([id, entry]) => [id, entry.node]));
  const entities: StructuredEntity[] = [];
  for (const entry of merged) {
    const types = typesOf(entry.node);
    const kind = types.map(entityKindForType).find((candidate) => candidate !== null);
    if (!kind) continue;
    entities.push(
      toStructuredEntity(
        entry.node,
        kind,
        types,
        { syntax: entry.syntax, isTopLevel: entry.isTopLevel, referencedBy: entry.referencedBy },
        { baseUrl, nodesById },
      ),
    );
  }
  return entities;
}

function referenceFrom(holder: Holder, property: string): EntityReference {
  return { property, fromTypes: holder.types, fromId: holder.id, fromUrl: holder.url, path: [...holder.path, property] };
}

/** Nodes under one `@id` become one: the first keeps its place, later ones add their properties and references. */
function mergeById(collected: CollectedNode[]): CollectedNode[] {
  const result: CollectedNode[] = [];
  const byId = new Map<string, CollectedNode>();
  for (const entry of collected) {
    const id = entry.node['@id'];
    const known = typeof id === 'string' ? byId.get(id) : undefined;
    if (!known) {
      const copy = { ...entry, node: { ...entry.node }, referencedBy: [...entry.referencedBy] };
      if (typeof id === 'string') byId.set(id, copy);
      result.push(copy);
      continue;
    }
    known.isTopLevel ||= entry.isTopLevel;
    known.referencedBy.push(...entry.referencedBy);
    for (const [key, value] of Object.entries(entry.node)) {
      if (key === '@id' || key === '@context') continue;
      known.node[key] = key in known.node ? mergeValues(known.node[key], value) : value;
    }
  }
  return result;
}

function mergeValues(existing: unknown, added: unknown): unknown[] {
  const list = [...(Array.isArray(existing) ? existing : [existing])];
  const seen = new Set(list.map((value) => JSON.stringify(value)));
  for (const value of Array.isArray(added) ? added : [added]) {
    const key = JSON.stringify(value);
    if (!seen.has(key)) {
      seen.add(key);
      list.push(value);
    }
  }
  return list;
}

/** `schema:name` and `http://schema.org/name` keys read as `name`, at every depth. */
function normaliseKeys(value: unknown, depth: number): unknown {
  if (depth > MAX_NESTING || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => normaliseKeys(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key.replace(SCHEMA_PROPERTY_PREFIX, ''), normaliseKeys(child, depth + 1)]));
}

function typesOf(node: JsonLdNode): string[] {
  const raw = node['@type'];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((type): type is string => typeof type === 'string').map(bareTypeName);
}
