import { describe, expect, it } from 'vitest';
import { parseHtmlDocument } from '../parse-html-document.ts';
import { extractStructuredData } from './extract-structured-data.ts';

const pageUrl = new URL('https://www.northwind.example/about/');

function structuredDataOf(html: string) {
  const { entities, skippedJsonLdBlocks } = extractStructuredData(parseHtmlDocument(html), html, pageUrl);
  return { entities, skippedBlocks: skippedJsonLdBlocks };
}

function jsonLdOf(...blocks: string[]) {
  const scripts = blocks.map((block) => `<script type="application/ld+json">${block}</script>`).join('\n');
  return structuredDataOf(`<!doctype html><html><head>${scripts}</head><body></body></html>`);
}

// The shape Yoast SEO emits on millions of WordPress sites: one @graph, cross-linked by @id,
// with the reference to the organization appearing before the organization itself.
const YOAST_GRAPH = JSON.stringify({
  '@context': 'https://schema.org',
  '@graph': [
    {
      '@type': 'WebPage',
      '@id': 'https://www.northwind.example/about/#webpage',
      url: 'https://www.northwind.example/about/',
      isPartOf: { '@id': 'https://www.northwind.example/#website' },
    },
    {
      '@type': 'WebSite',
      '@id': 'https://www.northwind.example/#website',
      url: 'https://www.northwind.example/',
      name: 'Northwind',
      publisher: { '@id': 'https://www.northwind.example/#organization' },
    },
    {
      '@type': 'Organization',
      '@id': 'https://www.northwind.example/#organization',
      name: 'Northwind Traders',
      url: 'https://www.northwind.example/',
      logo: { '@id': 'https://www.northwind.example/#logo' },
      sameAs: ['https://www.linkedin.com/company/northwind', 'https://x.com/northwind'],
      address: { '@type': 'PostalAddress', streetAddress: '12 Harbour St', addressLocality: 'Seattle', addressCountry: { '@type': 'Country', name: 'US' } },
    },
    { '@type': 'ImageObject', '@id': 'https://www.northwind.example/#logo', contentUrl: '/wp-content/uploads/logo.png' },
    { '@type': 'BreadcrumbList', itemListElement: [] },
  ],
});

describe('extractStructuredData: JSON-LD', () => {
  it('reads an @graph, follows @id references and resolves relative URLs', () => {
    const { entities, skippedBlocks } = jsonLdOf(YOAST_GRAPH);
    expect(skippedBlocks).toBe(0);
    expect(entities.map((entity) => [entity.kind, entity.name])).toEqual([
      ['website', 'Northwind'],
      ['organization', 'Northwind Traders'],
    ]);
    expect(entities[1]).toMatchObject({
      id: 'https://www.northwind.example/#organization',
      logo: 'https://www.northwind.example/wp-content/uploads/logo.png',
      sameAs: ['https://www.linkedin.com/company/northwind', 'https://x.com/northwind'],
      address: '12 Harbour St, Seattle, US',
    });
    expect(entities[1]?.properties).not.toHaveProperty('@context');
  });

  it('reads top-level arrays and several blocks, skipping only the malformed one', () => {
    const { entities, skippedBlocks } = jsonLdOf(
      JSON.stringify([
        { '@context': 'https://schema.org', '@type': 'Corporation', name: 'Northwind Holdings', legalName: 'Northwind Holdings plc', numberOfEmployees: 1200 },
        { '@type': 'Product', name: 'Chai' },
      ]),
      '{"@context": "https://schema.org", "@type": "Organization", "name": "Trunc',
      JSON.stringify({ '@type': 'Person', name: 'Nancy Davolio', jobTitle: 'CEO', worksFor: { '@type': 'Organization', name: 'Northwind Traders' } }),
    );
    expect(skippedBlocks).toBe(1);
    expect(entities.map((entity) => `${entity.kind}:${entity.name}`)).toEqual([
      'organization:Northwind Holdings',
      'person:Nancy Davolio',
      'organization:Northwind Traders',
    ]);
    expect(entities[0]).toMatchObject({ legalName: 'Northwind Holdings plc', numberOfEmployees: '1200', types: ['Corporation'] });
    expect(entities[1]).toMatchObject({ jobTitle: 'CEO', worksFor: 'Northwind Traders' });
  });

  it('repairs the mistakes sites commonly ship: comment wrappers, raw line breaks, trailing commas', () => {
    const { entities, skippedBlocks } = jsonLdOf(
      `<!--
      {
        "@context": "http://schema.org",
        "@type": "LocalBusiness",
        "name": "Northwind Café",
        "description": "Coffee and
        cake",
        "telephone": "+1-206-555-0100",
      }
      -->`,
      `//<![CDATA[
      {"@type": "Dentist", "name": "Bright Smiles",}
      //]]>`,
    );
    expect(skippedBlocks).toBe(0);
    expect(entities).toHaveLength(2);
    expect(entities[0]).toMatchObject({ kind: 'organization', name: 'Northwind Café', description: 'Coffee and cake', telephone: '+1-206-555-0100' });
    expect(entities[1]).toMatchObject({ kind: 'organization', types: ['Dentist'] });
  });

  it('recognises prefixed types and subtypes, and ignores types it does not collect', () => {
    const { entities } = jsonLdOf(
      JSON.stringify({ '@type': 'http://schema.org/Restaurant', name: 'Northwind Diner' }),
      JSON.stringify({ '@type': 'schema:NGO', name: 'Northwind Foundation' }),
      JSON.stringify({ '@type': 'SoftwareCompany', name: 'Northwind Labs' }),
      JSON.stringify({ '@type': 'HairSalon', name: 'Northwind Cuts' }),
      JSON.stringify({ '@type': ['Locksmith'], name: 'Northwind Keys' }),
      JSON.stringify({ '@type': 'https://schema.org/OnlineMarketplace', name: 'Northwind Market' }),
      JSON.stringify({ '@type': ['FAQPage'], mainEntity: [] }),
      JSON.stringify({ '@type': 'Event', name: 'Launch party' }),
    );
    expect(entities.map((entity) => `${entity.types.join('+')}:${entity.name}`)).toEqual([
      'Restaurant:Northwind Diner',
      'NGO:Northwind Foundation',
      'HairSalon:Northwind Cuts',
      'Locksmith:Northwind Keys',
      'OnlineMarketplace:Northwind Market',
    ]);
  });

  it('finds organizations and people nested in other nodes, once per @id', () => {
    const article = {
      '@type': 'NewsArticle',
      headline: 'Northwind raises Series B',
      author: [{ '@type': 'Person', name: 'Andrew Fuller', url: '/team/andrew' }],
      publisher: { '@type': 'NewsMediaOrganization', '@id': '#press', name: 'Northwind Press', logo: 'https://cdn.example/logo.svg' },
    };
    const { entities } = jsonLdOf(JSON.stringify(article), JSON.stringify({ '@type': 'NewsMediaOrganization', '@id': '#press', name: 'Northwind Press' }));
    expect(entities.map((entity) => entity.name)).toEqual(['Andrew Fuller', 'Northwind Press']);
    expect(entities[0]?.url).toBe('https://www.northwind.example/team/andrew');
    expect(entities[1]?.logo).toBe('https://cdn.example/logo.svg');
  });

  it('reads numberOfEmployees ranges and only ld+json scripts', () => {
    const { entities } = structuredDataOf(`<html><head>
      <script type="application/LD+JSON; charset=utf-8">{"@type":"Organization","name":"A","numberOfEmployees":{"@type":"QuantitativeValue","minValue":11,"maxValue":50}}</script>
      <script type="application/json">{"@type":"Organization","name":"Not JSON-LD"}</script>
      <script>var data = {"@type":"Organization"};</script></head><body></body></html>`);
    expect(entities).toHaveLength(1);
    expect(entities[0]?.numberOfEmployees).toBe('11-50');
  });
});

describe('extractStructuredData: references, addresses and positions', () => {
  it('resolves @id references across blocks, whichever block comes first', () => {
    const { entities } = jsonLdOf(
      JSON.stringify({ '@type': 'WebSite', '@id': '/#website', url: '/', publisher: { '@id': '/#org' } }),
      JSON.stringify({ '@type': 'Organization', '@id': 'https://www.northwind.example/#org', name: 'Northwind', address: { '@id': '#hq' } }),
      JSON.stringify({ '@type': 'PostalAddress', '@id': '#hq', addressLocality: 'Seattle', addressRegion: 'WA', addressCountry: 'US' }),
    );
    const organization = entities.find((entity) => entity.kind === 'organization');
    expect(organization).toMatchObject({ id: 'https://www.northwind.example/#org', addressParts: { locality: 'Seattle', region: 'WA', country: 'US' } });
    expect(organization?.referencedBy).toEqual([
      {
        property: 'publisher',
        fromTypes: ['WebSite'],
        fromId: 'https://www.northwind.example/#website',
        fromUrl: 'https://www.northwind.example/',
        path: ['publisher'],
      },
    ]);
  });

  it.each([
    ['a string', { address: '12 Harbour St, Seattle, US' }, { address: '12 Harbour St, Seattle, US', addressParts: null }],
    [
      'an array',
      {
        address: [
          { '@type': 'PostalAddress', addressLocality: 'Seattle', addressCountry: 'US' },
          { '@type': 'PostalAddress', addressLocality: 'Tacoma' },
        ],
      },
      { addressParts: { locality: 'Seattle', country: 'US' } },
    ],
    [
      '@value objects',
      { address: { '@type': 'PostalAddress', addressLocality: { '@value': 'Seattle' }, addressCountry: [{ '@value': 'US' }] } },
      { address: 'Seattle, US', addressParts: { locality: 'Seattle', country: 'US' } },
    ],
    [
      'a location Place',
      { location: { '@type': 'Place', name: 'HQ', address: { '@type': 'PostalAddress', streetAddress: '1 Pike St', addressLocality: 'Seattle' } } },
      { address: '1 Pike St, Seattle', addressParts: { street: '1 Pike St', locality: 'Seattle' } },
    ],
    [
      'a PostalAddress as location',
      { location: { '@type': 'PostalAddress', addressLocality: 'Seattle', addressCountry: { '@type': 'Country', name: 'United States' } } },
      { addressParts: { locality: 'Seattle', country: 'United States' } },
    ],
    ['a location string', { location: 'Seattle, WA' }, { address: 'Seattle, WA' }],
  ])('reads an address given as %s', (_shape, properties, expected) => {
    const { entities } = jsonLdOf(JSON.stringify({ '@type': 'Organization', name: 'Northwind', ...properties }));
    expect(entities[0]).toMatchObject(expected);
  });

  it('decodes HTML entities in names and keeps every sameAs once', () => {
    const { entities } = jsonLdOf(
      '{"@type": "Organization", "name": "Northwind &amp; Sons", "sameAs": ["https://x.com/nw", "https://x.com/nw", "https://github.com/nw"]}',
    );
    expect(entities[0]).toMatchObject({ name: 'Northwind & Sons', sameAs: ['https://x.com/nw', 'https://github.com/nw'] });
  });

  it('records the path under which a nested organisation is held', () => {
    const { entities } = jsonLdOf(
      JSON.stringify({
        '@type': 'Organization',
        name: 'Northwind',
        review: [{ '@type': 'Review', author: { '@type': 'Organization', name: 'Globex Logistics' } }],
        founder: { '@type': 'Person', name: 'Ada', alumniOf: { '@type': 'CollegeOrUniversity', name: 'Cambridge Institute' } },
      }),
    );
    const held = Object.fromEntries(
      entities.map((entity) => [entity.name, { isTopLevel: entity.isTopLevel, paths: entity.referencedBy.map((reference) => reference.path.join('.')) }]),
    );
    expect(held).toEqual({
      Northwind: { isTopLevel: true, paths: [] },
      'Globex Logistics': { isTopLevel: false, paths: ['review.author'] },
      Ada: { isTopLevel: false, paths: ['founder'] },
      'Cambridge Institute': { isTopLevel: false, paths: ['founder.alumniOf'] },
    });
  });
});
