import { describe, expect, it } from 'vitest';
import { extractMetaTags } from './extract-meta-tags.ts';
import { parseHtmlDocument } from './parse-html-document.ts';

const pageUrl = new URL('https://studio.example/work/');

describe('extractMetaTags', () => {
  it('reads an OpenGraph-only page (the Squarespace/Webflow shape)', () => {
    const document = parseHtmlDocument(`<!DOCTYPE html><html lang="fr-CA"><head>
      <meta property="og:site_name" content="Studio Lumen">
      <meta property="og:title" content="Studio Lumen — Design for hospitals">
      <meta property="og:description" content="We design  wayfinding
        for hospitals.">
      <meta property="og:image" content="https://static.example/first.jpg">
      <meta property="og:image" content="https://static.example/second.jpg">
      <meta property="og:locale" content="fr_CA">
      <meta name="og:type" content="website">
      <meta name="twitter:card" content="summary">
      <meta property="twitter:site" content="@studiolumen">
      <link rel="Canonical" href="../">
    </head><body><h1>Hello</h1></body></html>`);
    const tags = extractMetaTags(document, pageUrl);
    expect(tags).toEqual({
      title: null,
      description: 'We design wayfinding for hospitals.',
      keywords: [],
      author: null,
      canonicalUrl: 'https://studio.example/',
      language: 'fr-CA',
      openGraph: {
        site_name: 'Studio Lumen',
        title: 'Studio Lumen — Design for hospitals',
        description: 'We design wayfinding for hospitals.',
        image: 'https://static.example/first.jpg',
        locale: 'fr_CA',
        type: 'website',
      },
      openGraphProperties: {
        'og:site_name': ['Studio Lumen'],
        'og:title': ['Studio Lumen — Design for hospitals'],
        'og:description': ['We design wayfinding for hospitals.'],
        'og:image': ['https://static.example/first.jpg', 'https://static.example/second.jpg'],
        'og:locale': ['fr_CA'],
        'og:type': ['website'],
      },
      twitter: { card: 'summary', site: '@studiolumen' },
    });
  });

  it('keeps every OpenGraph family and every value of a repeated property', () => {
    const document = parseHtmlDocument(`<html><head>
      <meta property="article:publisher" content="https://www.facebook.com/studiolumen">
      <meta property="article:author" content="https://www.facebook.com/ana">
      <meta property="article:author" content="https://www.facebook.com/ben">
      <meta property="business:contact_data:locality" content="Montréal">
      <meta property="business:contact_data:country_name" content="Canada">
      <meta property="place:location:latitude" content="45.5">
      <meta property="fb:app_id" content="123">
      <meta property="og:see_also" content="https://x.com/studiolumen">
    </head><body></body></html>`);
    expect(extractMetaTags(document, pageUrl).openGraphProperties).toEqual({
      'article:publisher': ['https://www.facebook.com/studiolumen'],
      'article:author': ['https://www.facebook.com/ana', 'https://www.facebook.com/ben'],
      'business:contact_data:locality': ['Montréal'],
      'business:contact_data:country_name': ['Canada'],
      'place:location:latitude': ['45.5'],
      'fb:app_id': ['123'],
      'og:see_also': ['https://x.com/studiolumen'],
    });
  });

  it('prefers the standard description and reads title, keywords and author', () => {
    const document = parseHtmlDocument(`<html><head>
      <title>
        Studio Lumen | Work
      </title>
      <meta name="Description" content="Our projects.">
      <meta property="og:description" content="OpenGraph text.">
      <meta name="keywords" content="design, wayfinding, , hospitals">
      <meta name="author" content="Ana Lumen">
      <meta name="empty" content="">
    </head><body><svg><title>Icon</title></svg></body></html>`);
    expect(extractMetaTags(document, pageUrl)).toMatchObject({
      title: 'Studio Lumen | Work',
      description: 'Our projects.',
      keywords: ['design', 'wayfinding', 'hospitals'],
      author: 'Ana Lumen',
    });
  });

  it('ignores a canonical link that is not http(s)', () => {
    const document = parseHtmlDocument('<html><head><link rel="canonical" href="javascript:void(0)"></head><body></body></html>');
    expect(extractMetaTags(document, pageUrl).canonicalUrl).toBeNull();
  });
});
