import { describe, expect, it } from 'vitest';
import { extractHtmlPage } from '../../providers/fetch/extract-html-page.ts';
import type { FetchedPage } from '../../providers/spec/fetcher.ts';
import { extractProfileFacts, nameFromTitle } from './extract-profile-facts.ts';

const NOW = new Date('2025-01-01T00:00:00Z');

function pageFromHtml(html: string, url = 'https://www.acme.com/'): FetchedPage {
  const extracted = extractHtmlPage(html, new URL(url), { maxTextLength: 100_000 });
  return { requestedUrl: url, finalUrl: url, status: 200, contentType: 'text/html', fetchedAt: NOW.toISOString(), redirects: [], ...extracted };
}

const jsonLd = (value: unknown) => `<script type="application/ld+json">${typeof value === 'string' ? value : JSON.stringify(value)}</script>`;

describe('extractProfileFacts', () => {
  it('reads an Organization out of a Yoast-style @graph with references', () => {
    const html = `<html><head><title>Home - Acme</title>${jsonLd({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebPage', '@id': 'https://www.acme.com/#webpage', publisher: { '@id': 'https://www.acme.com/#org' } },
        {
          '@type': 'Organization',
          '@id': 'https://www.acme.com/#org',
          name: 'Acme Corp',
          url: 'https://www.acme.com/',
          description: 'Acme makes anvils.',
          foundingDate: '1949',
          numberOfEmployees: { '@type': 'QuantitativeValue', value: 1200 },
          address: { '@type': 'PostalAddress', addressLocality: 'Phoenix', addressRegion: 'AZ', addressCountry: 'US', streetAddress: '1 Mesa Rd' },
          sameAs: ['https://www.linkedin.com/company/acme-corp/', 'https://twitter.com/acme'],
        },
      ],
    })}</head><body><p>Hi</p></body></html>`;
    const facts = extractProfileFacts([pageFromHtml(html)], 'acme.com', NOW);
    expect(facts.name).toBe('Acme Corp');
    expect(facts.fields).toMatchObject({
      short_description: 'Acme makes anvils.',
      founding_year: 1949,
      employee_count: '1001-5000',
      hq_country: 'United States',
      hq_state_province: 'AZ',
      hq_city: 'Phoenix',
      hq_full_address: '1 Mesa Rd, Phoenix, AZ, US',
      social_profiles: { linkedin: 'https://www.linkedin.com/company/acme-corp', x: 'https://x.com/acme' },
    });
    expect(facts.sources).toEqual(['https://www.acme.com/']);
  });

  it('follows an address given by reference in the graph', () => {
    const html = `<title>Fernwood</title>${jsonLd({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'Organization', '@id': '#org', name: 'Fernwood', url: 'https://fernwood.io/', address: { '@id': '#hq' } },
        { '@type': 'PostalAddress', '@id': '#hq', addressLocality: 'Leeds', addressCountry: 'GB' },
      ],
    })}`;
    const facts = extractProfileFacts([pageFromHtml(html, 'https://fernwood.io/')], 'fernwood.io', NOW);
    expect(facts.fields).toMatchObject({ hq_city: 'Leeds', hq_country: 'United Kingdom', hq_full_address: 'Leeds, GB' });
  });

  it('handles a top-level array and prefers the organization on the site over a partner', () => {
    const html = `<title>Acme</title>${jsonLd([
      { '@context': 'https://schema.org', '@type': 'Organization', name: 'Partner Bank', url: 'https://bank.example/' },
      {
        '@context': 'https://schema.org',
        '@type': ['LocalBusiness', 'Bakery'],
        name: 'Acme Bakery',
        url: 'https://acme.com/',
        address: 'Main Street 4, Bruges',
      },
    ])}<p>Bread.</p>`;
    const facts = extractProfileFacts([pageFromHtml(html)], 'acme.com', NOW);
    expect(facts.name).toBe('Acme Bakery');
    expect(facts.fields.hq_full_address).toBe('Main Street 4, Bruges');
    expect(facts.fields.hq_city).toBeNull();
  });

  it('survives malformed JSON-LD, falling back to OpenGraph and meta tags', () => {
    const html = `<html><head><title>Globex | Forecasts</title>
      <meta property="og:site_name" content="Globex Analytics">
      <meta name="description" content="Demand forecasting for carriers.">
      ${jsonLd('{"@context": "https://schema.org", "@type": "Organization", "name": "Broken", }}')}
      </head><body><a href="https://github.com/globex">GitHub</a></body></html>`;
    const facts = extractProfileFacts([pageFromHtml(html, 'https://globex.io/')], 'globex.io', NOW);
    expect(facts.name).toBe('Globex Analytics');
    expect(facts.fields.short_description).toBe('Demand forecasting for carriers.');
    expect(facts.fields.social_profiles).toEqual({ github: 'https://github.com/globex' });
    expect(facts.fields.founding_year).toBeNull();
  });

  it('leaves what a microdata-less, meta-less page does not say as null, naming the company from its title', () => {
    const html = '<!doctype html><title>Welcome | Initech Software</title><h1>Initech</h1><p>We make TPS report software.</p>';
    const facts = extractProfileFacts([pageFromHtml(html, 'https://initech.com/')], 'initech.com', NOW);
    expect(facts.name).toBe('Initech Software');
    expect(facts.fields.short_description).toBeNull();
    expect(facts.fields.employee_count).toBeNull();
    expect(facts.fields.social_profiles).toEqual({});
  });

  it('fills gaps from later pages without overriding the home page', () => {
    const home = pageFromHtml('<title>Acme</title><meta name="description" content="Home description.">', 'https://acme.com/');
    const about = pageFromHtml(
      `<title>About</title><meta name="description" content="About description.">${jsonLd({ '@type': 'Corporation', name: 'Acme Inc.', foundingDate: '2011-05-01' })}`,
      'https://acme.com/about',
    );
    const facts = extractProfileFacts([home, about], 'acme.com', NOW);
    expect(facts.fields.short_description).toBe('Home description.');
    expect(facts.fields.founding_year).toBe(2011);
    expect(facts.name).toBe('Acme Inc.');
    expect(facts.sources).toEqual(['https://acme.com/', 'https://acme.com/about']);
  });
});

describe('nameFromTitle', () => {
  it.each([
    ['Acme Robotics — Warehouse robots', 'acme.test', 'Acme Robotics'],
    ['Warehouse robots | Acme Robotics', 'acme.test', 'Acme Robotics'],
    ['Home', 'acme.test', null],
    ['Best CRM for teams', 'zeta.io', 'Best CRM for teams'],
  ])('%s', (title, domain, expected) => {
    expect(nameFromTitle(title, domain)).toBe(expected);
  });
});
