import { describe, expect, it } from 'vitest';
import { extractJsonLd, parseJsonLeniently } from './extract-json-ld.ts';
import { parseHtmlDocument } from './parse-html-document.ts';

const pageUrl = new URL('https://www.northwind.example/about/');

function jsonLdOf(...blocks: string[]) {
  const scripts = blocks.map((block) => `<script type="application/ld+json">${block}</script>`).join('\n');
  return extractJsonLd(parseHtmlDocument(`<!doctype html><html><head>${scripts}</head><body></body></html>`), pageUrl);
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

describe('extractJsonLd', () => {
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
      JSON.stringify({ '@type': ['FAQPage'], mainEntity: [] }),
      JSON.stringify({ '@type': 'Event', name: 'Launch party' }),
    );
    expect(entities.map((entity) => `${entity.types.join('+')}:${entity.name}`)).toEqual([
      'Restaurant:Northwind Diner',
      'NGO:Northwind Foundation',
      'SoftwareCompany:Northwind Labs',
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
    const document = parseHtmlDocument(`<html><head>
      <script type="application/LD+JSON; charset=utf-8">{"@type":"Organization","name":"A","numberOfEmployees":{"@type":"QuantitativeValue","minValue":11,"maxValue":50}}</script>
      <script type="application/json">{"@type":"Organization","name":"Not JSON-LD"}</script>
      <script>var data = {"@type":"Organization"};</script></head><body></body></html>`);
    const { entities } = extractJsonLd(document, pageUrl);
    expect(entities).toHaveLength(1);
    expect(entities[0]?.numberOfEmployees).toBe('11-50');
  });
});

describe('parseJsonLeniently', () => {
  it('returns undefined for text that is not JSON even after repair', () => {
    expect(parseJsonLeniently('')).toBeUndefined();
    expect(parseJsonLeniently('{"a": }')).toBeUndefined();
    expect(parseJsonLeniently('[1, 2,]')).toEqual([1, 2]);
  });
});
