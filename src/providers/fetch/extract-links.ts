import type { InternalPageLink, PageLinks, SocialProfileLink } from '../spec/fetcher.ts';
import { collapseWhitespace } from './html-to-text.ts';
import { classifyInternalPage } from './internal-page-kinds.ts';
import { resolveHref } from './resolve-link.ts';
import { classifySocialProfile } from './social-profiles.ts';

/**
 * Classifies every `<a href>` of the page: social profiles, `mailto:` addresses, `tel:` numbers
 * and links to sections of the same site. Each list is deduplicated and keeps document order.
 */
export function extractLinks(document: Document, pageUrl: URL, baseUrl: URL): PageLinks {
  const social = new Map<string, SocialProfileLink>();
  const emails = new Set<string>();
  const phones = new Set<string>();
  const internalPages = new Map<string, InternalPageLink>();

  for (const anchor of Array.from(document.querySelectorAll('a[href], area[href]'))) {
    const link = resolveHref(anchor.getAttribute('href'), baseUrl);
    if (!link) continue;
    if (link.protocol === 'mailto:') {
      const email = emailFromMailto(link);
      if (email) emails.add(email);
      continue;
    }
    if (link.protocol === 'tel:') {
      const phone = phoneFromTel(link);
      if (phone) phones.add(phone);
      continue;
    }
    const profile = classifySocialProfile(link);
    if (profile) {
      if (!social.has(profile.url)) social.set(profile.url, profile);
      continue;
    }
    const kind = classifyInternalPage(link, pageUrl);
    if (!kind) continue;
    link.hash = '';
    if (!internalPages.has(link.href)) {
      internalPages.set(link.href, { kind, url: link.href, text: collapseWhitespace(anchor.textContent ?? '') });
    }
  }
  return { social: [...social.values()], emails: [...emails], phones: [...phones], internalPages: [...internalPages.values()] };
}

function emailFromMailto(link: URL): string | null {
  // `mailto:a@x.com,b@x.com?subject=Hi`: the first address is the one a visitor would write to.
  const address = safeDecode(link.pathname).split(',')[0]?.trim().toLowerCase() ?? '';
  return /^[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}$/i.test(address) ? address : null;
}

function phoneFromTel(link: URL): string | null {
  const text = safeDecode(link.pathname).trim();
  const digits = text.replace(/[^\d]/g, '');
  if (digits.length < 5 || digits.length > 15) return null;
  return `${text.startsWith('+') ? '+' : ''}${digits}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A stray "%" in a hand-written link; the raw text is still the best reading.
    return text;
  }
}
