import { describe, expect, it } from 'vitest';
import { parseHtmlDocument } from '../parse-html-document.ts';
import { extractStructuredData } from './extract-structured-data.ts';

const pageUrl = new URL('https://acme.example/about');
const entitiesOf = (body: string) => {
  const html = `<!doctype html><html><head><title>Acme</title></head><body>${body}</body></html>`;
  return extractStructuredData(parseHtmlDocument(html), html, pageUrl).entities;
};

describe('extractStructuredData: microdata', () => {
  it('reads an Organization with <link itemprop="sameAs">, <meta itemprop>, a nested address and itemref', () => {
    const [organization, ...others] = entitiesOf(`
      <div itemscope itemtype="https://schema.org/Organization" itemid="#org" itemref="contact">
        <a itemprop="url" href="/">Acme &amp; Sons</a><span itemprop="name">Acme &amp; Sons</span>
        <img itemprop="logo" src="/logo.png" alt="">
        <link itemprop="sameAs" href="https://www.linkedin.com/company/acme-sons">
        <link itemprop="sameAs" href="https://x.com/acmesons">
        <meta itemprop="foundingDate" content="1998">
        <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
          <span itemprop="streetAddress">4 Mill Lane</span>, <span itemprop="addressLocality">Bristol</span>
          <meta itemprop="addressCountry" content="GB">
        </div>
      </div>
      <footer id="contact"><span itemprop="telephone">+44 117 496 0000</span></footer>`);
    expect(others).toEqual([]);
    expect(organization).toMatchObject({
      kind: 'organization',
      syntax: 'microdata',
      id: 'https://acme.example/about#org',
      name: 'Acme & Sons',
      url: 'https://acme.example/',
      logo: 'https://acme.example/logo.png',
      sameAs: ['https://www.linkedin.com/company/acme-sons', 'https://x.com/acmesons'],
      foundingDate: '1998',
      telephone: '+44 117 496 0000',
      addressParts: { street: '4 Mill Lane', locality: 'Bristol', country: 'GB' },
      isTopLevel: true,
    });
  });

  it('keeps two sibling organisations apart and records nesting', () => {
    const entities = entitiesOf(`
      <div itemscope itemtype="http://schema.org/LocalBusiness"><span itemprop="name">Acme Bakery</span>
        <div itemprop="review" itemscope itemtype="http://schema.org/Review">
          <div itemprop="author" itemscope itemtype="http://schema.org/Organization"><span itemprop="name">Globex</span></div>
        </div>
      </div>
      <div itemscope itemtype="http://schema.org/HairSalon"><span itemprop="name">Cuts</span></div>`);
    expect(entities.map((entity) => [entity.types[0], entity.name, entity.referencedBy.map((reference) => reference.path.join('.'))])).toEqual([
      ['LocalBusiness', 'Acme Bakery', []],
      ['Organization', 'Globex', ['review.author']],
      ['HairSalon', 'Cuts', []],
    ]);
  });
});

describe('extractStructuredData: RDFa', () => {
  it('reads RDFa Lite (vocab, typeof, property, resource) with <link property="sameAs">', () => {
    const entities = entitiesOf(`
      <div vocab="https://schema.org/" typeof="Corporation" resource="#corp">
        <span property="name">Acme Corp</span>
        <span property="foundingDate" content="2004">since 2004</span>
        <link property="sameAs" href="https://github.com/acme">
        <div property="address" typeof="PostalAddress"><span property="addressLocality">Leeds</span> <span property="addressCountry">GB</span></div>
      </div>`);
    expect(entities).toHaveLength(1);
    expect(entities[0]).toMatchObject({
      syntax: 'rdfa',
      types: ['Corporation'],
      id: 'https://acme.example/about#corp',
      name: 'Acme Corp',
      foundingDate: '2004',
      sameAs: ['https://github.com/acme'],
      addressParts: { locality: 'Leeds', country: 'GB' },
    });
  });

  it('reads prefixed RDFa, keeps sibling organisations apart, and resolves location → Place → address', () => {
    const entities = entitiesOf(`
      <div prefix="schema: http://schema.org/" typeof="schema:Organization" resource="https://partner.example/#o">
        <span property="schema:name">Partner</span>
      </div>
      <div vocab="http://schema.org/" typeof="Organization"><span property="name">Acme</span>
        <div property="location" typeof="Place"><div property="address" typeof="PostalAddress"><span property="addressLocality">York</span></div></div>
      </div>
      <div vocab="http://schema.org/" typeof="Organization"><span property="name">Other</span></div>`);
    expect(entities.map((entity) => [entity.name, entity.addressParts?.locality ?? null])).toEqual([
      ['Partner', null],
      ['Acme', 'York'],
      ['Other', null],
    ]);
  });
});

describe('extractStructuredData: h-card', () => {
  it('reads an organisation card with its address, and a person card as a person', () => {
    const entities = entitiesOf(`
      <footer class="h-card"><a class="p-name p-org u-url" href="/">Acme Studio</a>
        <img class="u-logo" src="/logo.svg" alt="">
        <p class="p-adr h-adr"><span class="p-street-address">9 Quay St</span>, <span class="p-locality">Galway</span>, <span class="p-country-name">Ireland</span></p>
        <a class="u-url" href="https://www.instagram.com/acmestudio">Instagram</a>
        <a class="u-email" href="mailto:hi@acme.example">hi@acme.example</a>
      </footer>
      <blockquote class="h-review"><p class="e-content">Great work</p>
        <span class="p-author h-card"><span class="p-name">Jo Bloggs</span>, <span class="p-job-title">CTO</span> at <span class="p-org">Globex</span></span>
      </blockquote>`);
    expect(entities.map((entity) => [entity.kind, entity.syntax, entity.name])).toEqual([
      ['organization', 'h-card', 'Acme Studio'],
      ['person', 'h-card', 'Jo Bloggs'],
    ]);
    expect(entities[0]).toMatchObject({
      url: 'https://acme.example/',
      logo: 'https://acme.example/logo.svg',
      sameAs: ['https://www.instagram.com/acmestudio'],
      email: 'hi@acme.example',
      addressParts: { street: '9 Quay St', locality: 'Galway', country: 'Ireland' },
      isTopLevel: true,
    });
    expect(entities[1]).toMatchObject({ jobTitle: 'CTO', worksFor: 'Globex', isTopLevel: false });
    expect(entities[1]?.referencedBy[0]).toMatchObject({ property: 'author', fromTypes: ['h-review'] });
  });
});
