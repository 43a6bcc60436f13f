import type { JsonLdEntity, JsonLdEntityKind } from '../spec/fetcher.ts';
import { collapseWhitespace } from './html-to-text.ts';

/** A JSON-LD object as parsed. */
export type JsonLdNode = Record<string, unknown>;

/** What turning a node into an entity needs besides the node. */
export interface EntityContext {
  /** Relative URLs in the node are resolved against this. */
  baseUrl: URL;
  /** Every node of the page with an `@id`, to follow `{"@id": …}` references. */
  nodesById: Map<string, JsonLdNode>;
}

/**
 * Lifts the commonly used properties of a schema.org node into a flat `JsonLdEntity`.
 * Values arrive in every shape JSON-LD allows (a string, an array, `{"@value": …}`, a nested
 * node, a reference); each reader below accepts them all and keeps the first usable value.
 */
export function jsonLdNodeToEntity(node: JsonLdNode, kind: JsonLdEntityKind, types: string[], context: EntityContext): JsonLdEntity {
  const read = (value: unknown): JsonLdNode | string | number | null => first(dereference(value, context));
  const text = (value: unknown): string | null => textOf(read(value));
  const url = (value: unknown): string | null => absoluteUrl(textOf(read(value)) ?? urlOfNode(read(value)), context.baseUrl);
  const properties = { ...node };
  delete properties['@context'];

  return {
    kind,
    types,
    id: typeof node['@id'] === 'string' ? node['@id'] : null,
    name: text(node['name']),
    legalName: text(node['legalName']),
    alternateNames: listOf(node['alternateName'])
      .map((value) => textOf(value))
      .filter(isPresent),
    url: url(node['url']),
    logo: url(node['logo']) ?? (kind === 'person' ? url(node['image']) : null),
    description: text(node['description']),
    sameAs: listOf(node['sameAs'])
      .map((value) => absoluteUrl(textOf(value), context.baseUrl))
      .filter(isPresent),
    email: text(node['email'])?.replace(/^mailto:/i, '') ?? null,
    telephone: text(node['telephone']),
    address: addressOf(read(node['address'])),
    foundingDate: text(node['foundingDate']),
    numberOfEmployees: quantityOf(read(node['numberOfEmployees'])),
    jobTitle: text(node['jobTitle']),
    worksFor: text(node['worksFor']) ?? nameOf(read(node['worksFor'])),
    properties,
  };
}

function dereference(value: unknown, context: EntityContext): unknown {
  if (Array.isArray(value)) return value.map((item) => dereference(item, context));
  if (value && typeof value === 'object') {
    const id = (value as JsonLdNode)['@id'];
    if (typeof id === 'string' && Object.keys(value).length === 1) return context.nodesById.get(id) ?? value;
  }
  return value;
}

function first(value: unknown): JsonLdNode | string | number | null {
  const candidate = Array.isArray(value) ? value.find((item) => item !== null && item !== undefined) : value;
  if (typeof candidate === 'string' || typeof candidate === 'number') return candidate;
  if (candidate && typeof candidate === 'object' && !Array.isArray(candidate)) return candidate as JsonLdNode;
  return null;
}

function listOf(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function textOf(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return collapseWhitespace(value) || null;
  if (value && typeof value === 'object' && '@value' in value) return textOf((value as JsonLdNode)['@value']);
  return null;
}

function nameOf(value: unknown): string | null {
  return value && typeof value === 'object' ? textOf((value as JsonLdNode)['name']) : null;
}

function urlOfNode(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null;
  const node = value as JsonLdNode;
  return textOf(first(node['url'])) ?? textOf(first(node['contentUrl'])) ?? null;
}

function absoluteUrl(value: string | null, baseUrl: URL): string | null {
  if (!value) return null;
  const parsed = URL.parse(value, baseUrl);
  return parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:') ? parsed.href : null;
}

function addressOf(value: unknown): string | null {
  if (typeof value === 'string' || typeof value === 'number') return textOf(value);
  if (!value || typeof value !== 'object') return null;
  const address = value as JsonLdNode;
  const country = textOf(first(address['addressCountry'])) ?? nameOf(first(address['addressCountry']));
  const parts = [
    textOf(first(address['streetAddress'])),
    textOf(first(address['addressLocality'])),
    textOf(first(address['addressRegion'])),
    textOf(first(address['postalCode'])),
    country,
  ].filter(isPresent);
  return parts.length > 0 ? parts.join(', ') : nameOf(address);
}

function quantityOf(value: unknown): string | null {
  if (typeof value === 'string' || typeof value === 'number') return textOf(value);
  if (!value || typeof value !== 'object') return null;
  const quantity = value as JsonLdNode;
  const exact = textOf(first(quantity['value']));
  if (exact) return exact;
  const minimum = textOf(first(quantity['minValue']));
  const maximum = textOf(first(quantity['maxValue']));
  if (minimum && maximum) return `${minimum}-${maximum}`;
  return minimum ? `${minimum}+` : maximum;
}

function isPresent<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}
