import type { MiddlewareHandler } from 'hono';

/**
 * The web app's Content-Security-Policy: scripts, styles, images and connections only from this
 * origin (the built app has no inline script or style element; React sets style properties
 * through the DOM, which CSP does not restrict), no plugins, and no framing by other sites.
 * `'unsafe-eval'` is there for one reason: the column form checks a json column's output_schema
 * with ajv, which compiles schemas with `new Function` (the browser tests fail without it).
 * Inline and foreign scripts, the usual XSS carriers, stay refused.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** For server-rendered pages (`/docs`, the missing-build page): their one inline style element, no script at all. */
export const SERVER_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Headers every response carries: no MIME sniffing (a JSON answer holding HTML is never run as a
 * page), no framing (clickjacking), no Referer leaking table URLs to the sites an answer links to,
 * and a CSP on HTML. A route that set its own CSP keeps it.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (context, next) => {
    await next();
    const headers = context.res.headers;
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('X-Frame-Options', 'DENY');
    headers.set('Referrer-Policy', 'no-referrer');
    if (!headers.has('Content-Security-Policy')) {
      const isHtml = headers.get('content-type')?.startsWith('text/html') ?? false;
      headers.set('Content-Security-Policy', isHtml ? WEB_APP_CSP : "default-src 'none'; frame-ancestors 'none'");
    }
  };
}
