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

describe("extractProfileFacts: only the site's own organisation", () => {
  it("does not take a customer review's Organization on the home page for the company", () => {
    const html = `<title>Acme Robotics — Warehouse robots</title>${jsonLd({
      '@context': 'https://schema.org',
      '@type': 'Organization',
      name: 'Acme Robotics',
      description: 'Warehouse robots that pick, pack and ship.',
      review: [
        {
          '@type': 'Review',
          reviewBody: 'Acme cut our picking time in half.',
          author: {
            '@type': 'Organization',
            name: 'Globex Logistics',
            url: 'https://globex-logistics.example/',
            foundingDate: '1987',
            address: { '@type': 'PostalAddress', addressLocality: 'Rotterdam', addressCountry: 'NL' },
            sameAs: ['https://www.linkedin.com/company/globex-logistics'],
          },
        },
      ],
    })}<a href="https://www.linkedin.com/company/globex-logistics">Globex on LinkedIn</a>`;
    const facts = extractProfileFacts([pageFromHtml(html, 'https://acmerobotics.com/')], 'acmerobotics.com', NOW);
    expect(facts.name).toBe('Acme Robotics');
    expect(facts.fields).toMatchObject({ founding_year: null, hq_city: null, hq_country: null, social_profiles: {} });
    expect(JSON.stringify(facts)).not.toMatch(/1987|Rotterdam|globex-logistics"/);
    expect(facts.ignoredOrganizations).toEqual([
      { name: 'Globex Logistics', page: 'https://acmerobotics.com/', because: 'it is held under Review.review.author' },
    ]);
  });

  it("does not take a founder's university on the about page for the company", () => {
    const home = pageFromHtml('<title>Acme Robotics</title><meta property="og:site_name" content="Acme Robotics">', 'https://acmerobotics.com/');
    const about = pageFromHtml(
      `<title>About us</title>${jsonLd({
        '@context': 'https://schema.org',
        '@type': 'AboutPage',
        mainEntity: {
          '@type': 'Organization',
          name: 'Acme Robotics',
          foundingDate: '2014',
          founder: {
            '@type': 'Person',
            name: 'Ada Gear',
            alumniOf: {
              '@type': 'CollegeOrUniversity',
              name: 'Massachusetts Institute of Technology',
              url: 'https://mit.example/',
              foundingDate: '1861',
              address: { '@type': 'PostalAddress', addressLocality: 'Cambridge', addressRegion: 'MA', addressCountry: 'US' },
              sameAs: ['https://x.com/mit', 'https://www.linkedin.com/school/mit'],
            },
          },
        },
      })}`,
      'https://acmerobotics.com/about',
    );
    const facts = extractProfileFacts([home, about], 'acmerobotics.com', NOW);
    expect(facts.fields).toMatchObject({ founding_year: 2014, hq_city: null, hq_state_province: null, social_profiles: {} });
    expect(facts.fieldSources['founding_year']).toBe('https://acmerobotics.com/about');
    expect(facts.ignoredOrganizations[0]).toMatchObject({
      name: 'Massachusetts Institute of Technology',
      because: 'it is held under Person.mainEntity.founder.alumniOf',
    });
  });

  it('never takes organisations held under brand, partner, memberOf, offers or sameAs, even with a URL on the site', () => {
    const nested = (property: string) => ({ '@type': 'Organization', name: `Held by ${property}`, url: `https://acme.com/${property}`, foundingDate: '1900' });
    const html = `<title>Acme</title>${jsonLd({
      '@type': 'Organization',
      name: 'Acme',
      url: 'https://acme.com/',
      brand: nested('brand'),
      partner: nested('partner'),
      memberOf: nested('memberOf'),
      offers: { '@type': 'Offer', seller: nested('offers') },
      subjectOf: { '@type': 'CreativeWork', sameAs: nested('sameAs') },
    })}`;
    const facts = extractProfileFacts([pageFromHtml(html, 'https://acme.com/')], 'acme.com', NOW);
    expect(facts.fields.founding_year).toBeNull();
    expect(facts.ignoredOrganizations.map((organization) => organization.name)).toEqual([
      'Held by brand',
      'Held by partner',
      'Held by memberOf',
      'Held by offers',
      'Held by sameAs',
    ]);
  });

  it('takes the WebSite publisher and the page main entity, and ignores a top-level organisation nothing ties to the site', () => {
    const html = `<title>Home</title>${jsonLd({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'Organization', name: 'Initrode Partners', foundingDate: '1975', address: 'Austin, US' },
        { '@type': 'WebSite', url: 'https://zeta.io/', publisher: { '@id': '#publisher' } },
        { '@type': 'Organization', '@id': '#publisher', name: 'Zeta Systems', foundingDate: '2016' },
      ],
    })}`;
    const facts = extractProfileFacts([pageFromHtml(html, 'https://zeta.io/')], 'zeta.io', NOW);
    expect(facts.name).toBe('Zeta Systems');
    expect(facts.fields).toMatchObject({ founding_year: 2016, hq_full_address: null });
    expect(facts.ignoredOrganizations.map((organization) => organization.name)).toEqual(['Initrode Partners']);
  });

  it('resolves conflicting facts by the ownership ranking and records the loser instead of merging', () => {
    const html = `<title>Acme</title>${jsonLd({
      '@type': 'Organization',
      '@id': 'https://acme.com/#org',
      name: 'Acme',
      url: 'https://acme.com/',
      foundingDate: '2011',
      address: { '@type': 'PostalAddress', addressLocality: 'Leeds', addressCountry: 'GB' },
    })}
      <div itemscope itemtype="https://schema.org/LocalBusiness"><span itemprop="name">Acme</span><meta itemprop="foundingDate" content="2013">
        <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress"><span itemprop="addressRegion">Yorkshire</span><span itemprop="addressLocality">York</span></div></div>`;
    const facts = extractProfileFacts([pageFromHtml(html, 'https://acme.com/')], 'acme.com', NOW);
    expect(facts.fields).toMatchObject({ founding_year: 2011, hq_city: 'Leeds', hq_country: 'United Kingdom', hq_state_province: null });
    expect(facts.conflicts).toEqual([
      expect.objectContaining({
        field: 'founding_year',
        kept: { value: 2011, source: 'https://acme.com/' },
        rejected: [expect.objectContaining({ value: 2013 })],
      }),
      expect.objectContaining({ field: 'hq', rejected: [expect.objectContaining({ value: expect.objectContaining({ hq_city: 'York' }) })] }),
    ]);
  });

  it("uses twitter:site, article:publisher and OpenGraph business contact data as the site's own", () => {
    const html = `<html><head><title>Lumen</title>
      <meta name="twitter:site" content="@studiolumen">
      <meta property="article:publisher" content="https://www.facebook.com/studiolumen">
      <meta property="business:contact_data:street_address" content="5 Rue Saint-Paul">
      <meta property="business:contact_data:locality" content="Montréal">
      <meta property="business:contact_data:region" content="QC">
      <meta property="business:contact_data:country_name" content="Canada">
      </head><body></body></html>`;
    const facts = extractProfileFacts([pageFromHtml(html, 'https://lumen.studio/')], 'lumen.studio', NOW);
    expect(facts.fields).toMatchObject({
      hq_city: 'Montréal',
      hq_state_province: 'QC',
      hq_country: 'Canada',
      hq_full_address: '5 Rue Saint-Paul, Montréal, QC, Canada',
      social_profiles: { x: 'https://x.com/studiolumen', facebook: 'https://www.facebook.com/studiolumen' },
    });
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
