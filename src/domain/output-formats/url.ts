/**
 * The `url` format: one absolute http(s) URL, normalised.
 */
import { describeType, describeValue } from './describe-value.ts';
import { accepted, rejected, type ParseResult } from './parse-result.ts';

const EXAMPLE = 'such as https://example.com/pricing';

// A scheme is letters followed by ":" and not by a digit, so "example.com:8080" is a host and port.
const SCHEME_PATTERN = /^[a-z][a-z0-9+.-]*:(?!\d)/i;

/**
 * Parses a URL answer. Bare domains ("stripe.com", "www.stripe.com/pricing") get `https://`;
 * other schemes (javascript:, ftp:, mailto:), spaces and hosts without a dot are refused.
 * Returns `new URL(...).toString()`, so "stripe.com" is stored as "https://stripe.com/".
 */
export function parseUrlAnswer(raw: unknown): ParseResult {
  if (typeof raw !== 'string') {
    return rejected(`Expected one URL as text, got ${describeType(raw)} ${describeValue(raw)}; reply with a URL ${EXAMPLE}`);
  }
  const text = raw.trim().replace(/^<(.*)>$/, '$1');
  if (/\s/.test(text)) return rejected(`'${text}' contains spaces; reply with exactly one URL ${EXAMPLE}`);
  let absolute = text;
  if (text.startsWith('//')) absolute = `https:${text}`;
  else if (!SCHEME_PATTERN.test(text)) absolute = `https://${text}`;
  let url: URL;
  try {
    url = new URL(absolute);
  } catch {
    return rejected(`'${text}' is not a valid URL; reply with one absolute URL ${EXAMPLE}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return rejected(`'${text}' uses the ${url.protocol} scheme; only http and https URLs are accepted`);
  }
  // Single-label hosts (localhost, intranet names) are never a public page a researcher can cite.
  if (!url.hostname.includes('.') || url.hostname.startsWith('.') || url.hostname.endsWith('.')) {
    return rejected(`'${text}' has no public host name; reply with a full URL ${EXAMPLE}`);
  }
  return accepted(url.toString());
}
