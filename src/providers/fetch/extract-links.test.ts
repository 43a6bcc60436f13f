import { describe, expect, it } from 'vitest';
import { extractLinks } from './extract-links.ts';
import { parseHtmlDocument } from './parse-html-document.ts';
import { documentBaseUrl } from './resolve-link.ts';
import { classifySocialProfile } from './social-profiles.ts';

const pageUrl = new URL('https://www.contoso.example/en/home');

function linksOf(body: string, head = '') {
  const document = parseHtmlDocument(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);
  return extractLinks(document, pageUrl, documentBaseUrl(document, pageUrl));
}

describe('extractLinks', () => {
  it('classifies social profiles, normalised and deduplicated, and skips share buttons', () => {
    const links = linksOf(`
      <a href="https://uk.linkedin.com/company/contoso/jobs/?trk=footer">LinkedIn</a>
      <a href="https://www.linkedin.com/company/contoso">LinkedIn again</a>
      <a href="https://linkedin.com/in/jane-doe-123/">Jane</a>
      <a href="http://twitter.com/Contoso?lang=en">Twitter</a>
      <a href="https://twitter.com/intent/tweet?url=x">Tweet this</a>
      <a href="https://twitter.com/share">Share</a>
      <a href="https://github.com/contoso/sdk">GitHub</a>
      <a href="https://github.com/features/actions">GitHub Actions</a>
      <a href="https://www.youtube.com/channel/UC123abc/videos">YouTube</a>
      <a href="https://m.facebook.com/contoso.inc/">Facebook</a>
      <a href="https://www.facebook.com/sharer/sharer.php?u=x">Share on Facebook</a>
      <a href="https://instagram.com/contoso_hq">Instagram</a>
      <a href="https://www.instagram.com/p/Cx123/">A post</a>
      <a href="https://www.crunchbase.com/organization/contoso#section-overview">Crunchbase</a>`);
    expect(links.social.map((profile) => `${profile.network} ${profile.url} ${profile.handle}`)).toEqual([
      'linkedin_company https://www.linkedin.com/company/contoso contoso',
      'linkedin_person https://www.linkedin.com/in/jane-doe-123 jane-doe-123',
      'x https://x.com/contoso contoso',
      'github https://github.com/contoso contoso',
      'youtube https://www.youtube.com/channel/uc123abc channel/uc123abc',
      'facebook https://www.facebook.com/contoso.inc contoso.inc',
      'instagram https://www.instagram.com/contoso_hq contoso_hq',
      'crunchbase https://www.crunchbase.com/organization/contoso contoso',
    ]);
  });

  it('collects mailto addresses and tel numbers', () => {
    const links = linksOf(`
      <a href="mailto:Sales@Contoso.example?subject=Quote">Sales</a>
      <a href="mailto:sales@contoso.example">Sales again</a>
      <a href="mailto:a@contoso.example,b@contoso.example">Both</a>
      <a href="mailto:">Empty</a>
      <a href="tel:+1%20(425)%20555-0100">Call</a>
      <a href="tel:0800 123 456">Free call</a>
      <a href="tel:12">Too short</a>`);
    expect(links.emails).toEqual(['sales@contoso.example', 'a@contoso.example']);
    expect(links.phones).toEqual(['+14255550100', '0800123456']);
  });

  it('classifies section pages of the same site, resolved against <base href>', () => {
    const links = linksOf(
      `<a href="about-us">About us</a>
       <a href="/en/pricing.html#plans">Plans &amp; pricing</a>
       <a href="https://careers.contoso.example/">Careers</a>
       <a href="https://contoso.example/company/leadership">Leadership</a>
       <a href="/contact-us">Contact</a>
       <a href="/blog">Blog</a>
       <a href="/blog/2024/launch">A post</a>
       <a href="https://docs.contoso.example">Docs</a>
       <a href="https://boards.greenhouse.io/contoso">Open roles</a>
       <a href="https://other.example/about">Someone else's about page</a>
       <a href="javascript:void(0)">Menu</a>`,
      '<base href="https://www.contoso.example/en/">',
    );
    expect(links.internalPages).toEqual([
      { kind: 'about', url: 'https://www.contoso.example/en/about-us', text: 'About us' },
      { kind: 'pricing', url: 'https://www.contoso.example/en/pricing.html', text: 'Plans & pricing' },
      { kind: 'careers', url: 'https://careers.contoso.example/', text: 'Careers' },
      { kind: 'team', url: 'https://contoso.example/company/leadership', text: 'Leadership' },
      { kind: 'contact', url: 'https://www.contoso.example/contact-us', text: 'Contact' },
      { kind: 'blog', url: 'https://www.contoso.example/blog', text: 'Blog' },
      { kind: 'docs', url: 'https://docs.contoso.example/', text: 'Docs' },
      { kind: 'careers', url: 'https://boards.greenhouse.io/contoso', text: 'Open roles' },
    ]);
  });
});

describe('classifySocialProfile', () => {
  it('returns null for links that are not profiles', () => {
    expect(classifySocialProfile(new URL('https://www.linkedin.com/feed/'))).toBeNull();
    expect(classifySocialProfile(new URL('https://x.com/home'))).toBeNull();
    expect(classifySocialProfile(new URL('https://notlinkedin.com/company/x'))).toBeNull();
    expect(classifySocialProfile(new URL('mailto:a@b.example'))).toBeNull();
  });
});
