import type { EntityReference, PostalAddressParts, StructuredDataSyntax, StructuredEntity, StructuredEntityKind } from '../../spec/fetcher.ts';
import { collapseWhitespace } from '../html-to-text.ts';

/** A JSON-LD object as parsed (microdata, RDFa and h-cards are read into the same shape). */
export type JsonLdNode = Record<string, unknown>;

/** What lifting a node into an entity needs besides the node. */
export interface EntityContext {
  /** Relative URLs in the node are resolved against this. */
  baseUrl: URL;
  /** Every node of the page with an `@id` (all blocks and syntaxes), to follow `{"@id": …}` references. */
  nodesById: Map<string, JsonLdNode>;
}

/** Where the node stood in the page. */
export interface EntityPlacement {
  syntax: StructuredDataSyntax;
  isTopLevel: boolean;
  referencedBy: EntityReference[];
}

/**
 * Lifts the commonly used properties of a schema.org node into a flat `StructuredEntity`.
 * Values arrive in every shape the syntaxes allow (a string, an array, `{"@value": …}`, a
 * nested node, an `@id` reference); each reader below accepts them all and keeps the first
 * usable value. The address is read from `address`, else from `location` (a Place's address,
 * or a PostalAddress given as the location).
 */
export function toStructuredEntity(
  node: JsonLdNode,
  kind: StructuredEntityKind,
  types: string[],
  placement: EntityPlacement,
  context: EntityContext,
): StructuredEntity {
  const read = (value: unknown): JsonLdNode | string | number | null => first(dereference(value, context));
  const text = (value: unknown): string | null => textOf(read(value));
  const url = (value: unknown): string | null => urlOf(read(value), context.baseUrl);
  const properties = { ...node };
  delete properties['@context'];
  const address = addressNodeOf(node, context);

  return {
    kind,
    types,
    syntax: placement.syntax,
    id: typeof node['@id'] === 'string' ? node['@id'] : null,
    name: text(node['name']),
    legalName: text(node['legalName']),
    alternateNames: listOf(node['alternateName'])
      .map((value) => textOf(value))
      .filter(isPresent),
    url: url(node['url']),
    logo: url(node['logo']) ?? (kind === 'person' ? url(node['image']) : null),
    description: text(node['description']),
    sameAs: [
      ...new Set(
        listOf(dereference(node['sameAs'], context))
          .map((value) => urlOf(value as JsonLdNode | string, context.baseUrl))
          .filter(isPresent),
      ),
    ],
    email: text(node['email'])?.replace(/^mailto:/i, '') ?? null,
    telephone: text(node['telephone']),
    address: addressLine(address),
    addressParts: addressParts(address, context),
    foundingDate: text(node['foundingDate']),
    numberOfEmployees: quantityOf(read(node['numberOfEmployees'])),
    jobTitle: text(node['jobTitle']),
    worksFor: text(node['worksFor']) ?? nameOf(read(node['worksFor'])),
    isTopLevel: placement.isTopLevel,
    referencedBy: placement.referencedBy,
    properties,
  };
}

function dereference(value: unknown, context: EntityContext): unknown {
  if (Array.isArray(value)) return value.map((item) => dereference(item, context));
  if (value && typeof value === 'object') {
    const id = (value as JsonLdNode)['@id'];
    if (typeof id === 'string' && Object.keys(value).length === 1) {
      // References are written relative as often as not ("#hq"); nodes are keyed by absolute id.
      return context.nodesById.get(id) ?? context.nodesById.get(URL.parse(id, context.baseUrl)?.href ?? id) ?? value;
    }
  }
  return value;
}

function first(value: unknown): JsonLdNode | string | number | null {
  const list = Array.isArray(value) ? value : [value];
  for (const candidate of list) {
    if (typeof candidate === 'string' && collapseWhitespace(candidate) === '') continue;
    if (typeof candidate === 'string' || typeof candidate === 'number') return candidate;
    if (candidate && typeof candidate === 'object' && !Array.isArray(candidate)) return candidate as JsonLdNode;
  }
  return null;
}

function listOf(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function textOf(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return collapseWhitespace(value) || null;
  if (Array.isArray(value)) return textOf(first(value));
  if (value && typeof value === 'object' && '@value' in value) return textOf((value as JsonLdNode)['@value']);
  return null;
}

function nameOf(value: unknown): string | null {
  return value && typeof value === 'object' ? textOf((value as JsonLdNode)['name']) : null;
}

/** A URL from a string, an `{"@id"}` that is a web address, or an ImageObject's url/contentUrl. */
function urlOf(value: JsonLdNode | string | number | null, baseUrl: URL): string | null {
  const direct = textOf(value);
  if (direct) return absoluteUrl(direct, baseUrl);
  if (!value || typeof value !== 'object') return null;
  const written = textOf(first(value['url'])) ?? textOf(first(value['contentUrl'])) ?? (typeof value['@id'] === 'string' ? value['@id'] : null);
  return absoluteUrl(written, baseUrl);
}

function absoluteUrl(value: string | null, baseUrl: URL): string | null {
  if (!value) return null;
  const parsed = URL.parse(value.trim(), baseUrl);
  return parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:') ? parsed.href : null;
}

/** The address value of a node: `address`, else `location` (a Place's `address`, or the location itself). */
function addressNodeOf(node: JsonLdNode, context: EntityContext): JsonLdNode | string | null {
  const direct = usableAddress(node['address'], context);
  if (direct) return direct;
  for (const location of listOf(dereference(node['location'], context))) {
    if (typeof location === 'string') {
      const line = textOf(location);
      if (line) return line;
      continue;
    }
    if (!location || typeof location !== 'object') continue;
    const place = location as JsonLdNode;
    const placeAddress = usableAddress(place['address'], context);
    if (placeAddress) return placeAddress;
    if (['addressLocality', 'streetAddress', 'addressCountry'].some((key) => key in place)) return place;
  }
  return null;
}

function usableAddress(value: unknown, context: EntityContext): JsonLdNode | string | null {
  for (const candidate of listOf(dereference(value, context))) {
    const text = textOf(candidate);
    if (text) return text;
    if (candidate && typeof candidate === 'object' && !Array.isArray(candidate) && Object.keys(candidate).some((key) => !key.startsWith('@')))
      return candidate as JsonLdNode;
  }
  return null;
}

function addressParts(address: JsonLdNode | string | null, context: EntityContext): PostalAddressParts | null {
  if (!address || typeof address !== 'object') return null;
  const part = (key: string) => textOf(first(dereference(address[key], context)));
  const countryValue = first(dereference(address['addressCountry'], context));
  const parts: PostalAddressParts = {
    street: part('streetAddress'),
    locality: part('addressLocality'),
    region: part('addressRegion'),
    postalCode: part('postalCode'),
    country: textOf(countryValue) ?? nameOf(countryValue),
  };
  return Object.values(parts).some(isPresent) ? parts : null;
}

function addressLine(address: JsonLdNode | string | null): string | null {
  if (typeof address === 'string') return textOf(address);
  if (!address) return null;
  const countryValue = first(address['addressCountry']);
  const parts = [
    textOf(first(address['streetAddress'])),
    textOf(first(address['addressLocality'])),
    textOf(first(address['addressRegion'])),
    textOf(first(address['postalCode'])),
    textOf(countryValue) ?? nameOf(countryValue),
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
