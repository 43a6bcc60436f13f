/**
 * The URL relative links of a document are resolved against: its `<base href>` (itself resolved
 * against the page URL) when valid, else the page URL.
 */
export function documentBaseUrl(document: Document, pageUrl: URL): URL {
  const baseHref = document.querySelector('base[href]')?.getAttribute('href');
  const base = baseHref ? URL.parse(baseHref.trim(), pageUrl) : null;
  return base && (base.protocol === 'http:' || base.protocol === 'https:') ? base : pageUrl;
}

/** Resolves an `href` to an absolute URL, or null when it is empty, invalid or JavaScript. */
export function resolveHref(href: string | null, base: URL): URL | null {
  const trimmed = href?.trim();
  if (!trimmed || /^javascript:/i.test(trimmed)) return null;
  return URL.parse(trimmed, base);
}
