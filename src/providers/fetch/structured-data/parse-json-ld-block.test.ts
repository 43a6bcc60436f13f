import { describe, expect, it } from 'vitest';
import { parseJsonLdBlock } from './parse-json-ld-block.ts';

describe('parseJsonLdBlock', () => {
  it('parses valid JSON strictly, as written', () => {
    expect(parseJsonLdBlock('  {"@type": "Organization", "name": "Acme"}  ')).toEqual([{ '@type': 'Organization', name: 'Acme' }]);
    expect(parseJsonLdBlock('[1, 2]')).toEqual([[1, 2]]);
    expect(parseJsonLdBlock('')).toEqual([]);
  });

  it('never changes a string value while repairing the syntax around it', () => {
    const repaired = parseJsonLdBlock('{"@type": "Organization", "slogan": "Pick, pack, }", "note": "a, ]", "description": "He said \\"hi\\", }",}');
    expect(repaired).toEqual([{ '@type': 'Organization', slogan: 'Pick, pack, }', note: 'a, ]', description: 'He said "hi", }' }]);
    const quoted = parseJsonLdBlock('{"name": "The “best” robots", "sameAs": ["https://x.com/acme",],}');
    expect(quoted).toEqual([{ name: 'The “best” robots', sameAs: ['https://x.com/acme'] }]);
  });

  it('drops leading // and <!-- --> comment lines and CDATA wrappers', () => {
    expect(parseJsonLdBlock('// Organization markup, added by the SEO plugin\n{"@type": "Organization", "name": "Acme"}')).toEqual([
      { '@type': 'Organization', name: 'Acme' },
    ]);
    expect(parseJsonLdBlock('<!-- schema -->\n{"@type": "Organization", "name": "Acme"}\n<!-- end -->')).toEqual([{ '@type': 'Organization', name: 'Acme' }]);
    expect(parseJsonLdBlock('<!--\n{"@type": "Dentist", "name": "Bright",}\n-->')).toEqual([{ '@type': 'Dentist', name: 'Bright' }]);
    expect(parseJsonLdBlock('//<![CDATA[\n{"@type": "Dentist", "name": "Bright"}\n//]]>')).toEqual([{ '@type': 'Dentist', name: 'Bright' }]);
  });

  it('reads inline comments, NBSP indentation, smart quotes and raw line breaks', () => {
    expect(parseJsonLdBlock('{"@type": "Organization", // the company\n "url": "https://acme.example/" /* home */}')).toEqual([
      { '@type': 'Organization', url: 'https://acme.example/' },
    ]);
    expect(parseJsonLdBlock('{\u00a0\u00a0"@type": "Organization",\n\u00a0\u00a0"name": "Acme"}')).toEqual([{ '@type': 'Organization', name: 'Acme' }]);
    expect(parseJsonLdBlock('{“@type”: “Organization”, “name”: “Acme”}')).toEqual([{ '@type': 'Organization', name: 'Acme' }]);
    expect(parseJsonLdBlock('{"@type": "Organization", "description": "Coffee and\ncake"}')).toEqual([
      { '@type': 'Organization', description: 'Coffee and\ncake' },
    ]);
  });

  it('splits objects written back to back, with or without a line between them', () => {
    expect(parseJsonLdBlock('{"@type": "Organization", "name": "A"}{"@type": "WebSite", "name": "B"}')).toEqual([
      { '@type': 'Organization', name: 'A' },
      { '@type': 'WebSite', name: 'B' },
    ]);
    expect(parseJsonLdBlock('{"name": "A",}\n\n{"name": "B"}')).toEqual([{ name: 'A' }, { name: 'B' }]);
  });

  it('decodes HTML entities a CMS left in string values', () => {
    expect(parseJsonLdBlock('{"name": "Smith &amp; Sons", "description": "Caf&eacute; &#8211; bakery"}')).toEqual([
      { name: 'Smith & Sons', description: 'Café – bakery' },
    ]);
  });

  it('drops U+0000 from string values (escaped in JSON, where HTML would have dropped the raw character)', () => {
    expect(parseJsonLdBlock('{"name": "Nul\\u0000 Corp", "address": {"addressLocality": ["Ber\\u0000lin"]}}')).toEqual([
      { name: 'Nul Corp', address: { addressLocality: ['Berlin'] } },
    ]);
  });

  it('refuses a block cut short instead of completing it, and text that is not JSON at all', () => {
    expect(parseJsonLdBlock('{"@context": "https://schema.org", "@type": "Organization", "name": "Trunc')).toEqual([]);
    expect(parseJsonLdBlock('{"@type": "Organization", "sameAs": ["https://x.com/a"')).toEqual([]);
    expect(parseJsonLdBlock('var data = {};')).toEqual([]);
  });
});
