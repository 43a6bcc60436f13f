import { parse } from 'tldts';

/** What a company table's `input` (or a lookup path) names: a site, or only a company name. */
export type CompanyIdentifier = { kind: 'site'; domain: string; url: string } | { kind: 'address'; host: string; url: string } | { kind: 'name'; name: string };

/**
 * Reads a domain, a URL or a company name. Sites resolve to their registrable domain with tldts
 * (`https://www.blog.acme.co.uk/x` → `acme.co.uk`); `url` is where to start reading the site
 * (the URL as given, or `https://<host>/` for a bare domain). IP addresses are `address`: they
 * have no registrable domain, and the fetcher decides whether they may be read at all.
 * Anything without a dot that tldts recognises is a name.
 */
export function parseCompanyIdentifier(raw: string): CompanyIdentifier | null {
  const text = raw.trim();
  if (text === '') return null;
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  if (!hasScheme && /\s/.test(text)) return { kind: 'name', name: text };
  const candidate = URL.parse(hasScheme ? text : `https://${text}`);
  if (!candidate || (candidate.protocol !== 'http:' && candidate.protocol !== 'https:') || candidate.hostname === '') {
    return hasScheme ? null : { kind: 'name', name: text };
  }
  const parsed = parse(candidate.hostname);
  if (parsed.isIp) return { kind: 'address', host: candidate.hostname, url: siteUrl(candidate, hasScheme) };
  if (!parsed.domain || !parsed.hostname?.includes('.')) return hasScheme ? null : { kind: 'name', name: text };
  return { kind: 'site', domain: parsed.domain.toLowerCase(), url: siteUrl(candidate, hasScheme) };
}

/** The registrable domain of a URL or host name, lower case; null for IPs and bare names. */
export function registrableDomain(urlOrHost: string): string | null {
  const host = URL.parse(urlOrHost)?.hostname ?? urlOrHost;
  const parsed = parse(host);
  return parsed.isIp || !parsed.domain ? null : parsed.domain.toLowerCase();
}

/**
 * A company name reduced for matching: lower case, letters and digits only, legal suffixes dropped.
 * Null for text too long to be a name (a site's title or og:site_name holding a paragraph): the key
 * is indexed, and a PostgreSQL index entry cannot hold a long text, so saving the profile would fail.
 */
export function companyNameKey(name: string): string | null {
  if (name.length > MAX_NAME_CHARACTERS) return null;
  const words = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  while (words.length > 1 && LEGAL_SUFFIXES.has(words.at(-1)!)) words.pop();
  const key = words.join('');
  return key === '' ? null : key;
}

const MAX_NAME_CHARACTERS = 300;

// "Acme Robotics, Inc." and "Acme Robotics" are the same company for lookup purposes.
const LEGAL_SUFFIXES = new Set([
  'inc',
  'incorporated',
  'llc',
  'ltd',
  'limited',
  'corp',
  'corporation',
  'co',
  'gmbh',
  'ag',
  'sa',
  'sas',
  'bv',
  'nv',
  'plc',
  'oy',
  'ab',
  'as',
  'srl',
  'spa',
  'pty',
  'kk',
]);

function siteUrl(candidate: URL, hasScheme: boolean): string {
  // A bare domain names the site, not a page; a URL given in full is read from where it points.
  if (!hasScheme) return `https://${candidate.host}/`;
  candidate.hash = '';
  return candidate.href;
}
