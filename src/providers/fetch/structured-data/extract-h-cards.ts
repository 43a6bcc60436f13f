import type { mf2 as Mf2 } from 'microformats-parser';
import { lazyModule } from '../../../lazy-module.ts';
import type { SyntaxRoots } from './extract-microdata-and-rdfa.ts';
import type { JsonLdNode } from './structured-entity.ts';

const microformats = lazyModule<{ mf2: typeof Mf2 }>('microformats-parser');

type Microformat = ReturnType<typeof Mf2>['items'][number];
type MicroformatValue = Microformat['properties'][string][number];

// Properties only a person's card has; a card with any of them describes a person.
const PERSON_PROPERTIES = ['given-name', 'family-name', 'additional-name', 'honorific-prefix', 'honorific-suffix', 'nickname', 'job-title', 'role', 'bday'];
const ADDRESS_PROPERTIES: Record<string, string> = {
  'street-address': 'streetAddress',
  'extended-address': 'streetAddress',
  locality: 'addressLocality',
  region: 'addressRegion',
  'postal-code': 'postalCode',
  'country-name': 'addressCountry',
};

/**
 * Reads microformats2 (`h-card`, and the `h-review`/`h-entry` cards nest in) through
 * microformats-parser and maps them onto schema.org nodes: an organisation's card (its `p-org`
 * is its `p-name`, or it has a logo, or an address or contact details and nothing personal)
 * becomes an Organization, any other card a Person. Nesting is kept (`p-author h-card` inside
 * an `h-review` is the review's `author`), so whose card it is can be told later.
 */
export function extractHCards(html: string, pageUrl: URL): SyntaxRoots[] {
  if (!/\bh-(card|review|entry|event)\b/.test(html)) return [];
  let items: Microformat[];
  try {
    items = microformats().mf2(html, { baseUrl: pageUrl.href }).items;
  } catch {
    // A document the parser cannot follow simply has no readable cards.
    return [];
  }
  const roots = items.map((item) => toNode(item, pageUrl));
  return roots.length > 0 ? [{ syntax: 'h-card', roots }] : [];
}

function toNode(item: Microformat, pageUrl: URL): JsonLdNode {
  const types = item.type ?? [];
  const node: JsonLdNode = types.includes('h-card') ? cardNode(item, pageUrl) : { '@type': types };
  // Properties of other microformats (and cards' own nested microformats) keep their names.
  for (const [property, values] of Object.entries(item.properties)) {
    const nested = values.filter(isMicroformat);
    if (nested.length > 0 && !(property in node)) node[property] = nested.map((value) => toNode(value, pageUrl));
  }
  if (item.children && item.children.length > 0) node['children'] = item.children.map((child) => toNode(child, pageUrl));
  return node;
}

function cardNode(card: Microformat, pageUrl: URL): JsonLdNode {
  const text = (property: string) => textValues(card.properties[property]);
  const name = text('name')[0] ?? null;
  const organizationName = text('org')[0] ?? null;
  const urls = text('url');
  const hasAddress = 'adr' in card.properties || Object.keys(ADDRESS_PROPERTIES).some((property) => property in card.properties);
  const hasContact = 'tel' in card.properties || 'email' in card.properties;
  const isPersonal = PERSON_PROPERTIES.some((property) => property in card.properties) || (organizationName !== null && organizationName !== name);
  const isSiteRoot = urls.some((url) => URL.parse(url)?.pathname === '/' && URL.parse(url)?.host === pageUrl.host);
  const isOrganization =
    (organizationName !== null && (name === null || organizationName === name)) ||
    (!isPersonal && ('logo' in card.properties || hasAddress || hasContact || isSiteRoot));
  const node: JsonLdNode = { '@type': [isOrganization ? 'Organization' : 'Person'] };
  const set = (key: string, values: unknown[]) => {
    if (values.length > 0) node[key] = values;
  };
  set('name', isOrganization ? [name ?? organizationName].filter(Boolean) : [name].filter(Boolean));
  set('url', urls.slice(0, 1));
  set('sameAs', urls.slice(1));
  set('logo', text('logo'));
  set('image', text('photo'));
  set(
    'email',
    text('email').map((email) => email.replace(/^mailto:/i, '')),
  );
  set(
    'telephone',
    text('tel').map((tel) => tel.replace(/^tel:/i, '')),
  );
  set('description', text('note'));
  set('jobTitle', text('job-title'));
  if (!isOrganization) set('worksFor', text('org'));
  const addresses = (card.properties['adr'] ?? []).map((value) => (isMicroformat(value) ? addressNode(value.properties) : value));
  if (addresses.length === 0 && hasAddress) addresses.push(addressNode(card.properties));
  set(
    'address',
    addresses.map((address) => (typeof address === 'object' && address !== null && 'value' in address ? address.value : address)),
  );
  return node;
}

function addressNode(properties: Microformat['properties']): JsonLdNode {
  const address: JsonLdNode = { '@type': ['PostalAddress'] };
  for (const [property, schemaProperty] of Object.entries(ADDRESS_PROPERTIES)) {
    const values = textValues(properties[property]);
    if (values.length > 0 && !(schemaProperty in address)) address[schemaProperty] = values;
  }
  return address;
}

function textValues(values: MicroformatValue[] | undefined): string[] {
  return (values ?? []).flatMap((value) => {
    if (typeof value === 'string') return value.trim() === '' ? [] : [value];
    const text = isMicroformat(value) ? value.value : value.value;
    return typeof text === 'string' && text.trim() !== '' ? [text] : [];
  });
}

function isMicroformat(value: MicroformatValue): value is Microformat {
  return typeof value === 'object' && value !== null && 'properties' in value;
}
