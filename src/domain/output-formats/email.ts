/**
 * The `email` format: one syntactically valid address.
 */
import { describeType, describeValue } from './describe-value.ts';
import { accepted, rejected, type ParseResult } from './parse-result.ts';

// Pragmatic, not RFC 5322: dot-separated atoms before the @, and a host of DNS labels with an
// alphabetic top-level domain (or punycode) after it. Quoted local parts and IP hosts never appear in research answers.
const LOCAL_PART = "[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*";
const DOMAIN_LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const TOP_LEVEL_DOMAIN = '(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})';
const EMAIL_PATTERN = new RegExp(`^(${LOCAL_PART})@((?:${DOMAIN_LABEL}\\.)+${TOP_LEVEL_DOMAIN})$`, 'i');

// RFC 5321 limits; longer strings cannot be delivered whatever they look like.
const MAXIMUM_LOCAL_LENGTH = 64;
const MAXIMUM_ADDRESS_LENGTH = 254;

/**
 * Parses an email answer. Strips a `mailto:` prefix and surrounding angle brackets, and
 * lower-cases the domain (the local part keeps its case, which some servers honour).
 */
export function parseEmailAnswer(raw: unknown): ParseResult {
  if (typeof raw !== 'string') {
    return rejected(`Expected one email address as text, got ${describeType(raw)} ${describeValue(raw)}`);
  }
  const text = raw.trim();
  const address = text
    .replace(/^<(.*)>$/, '$1')
    .trim()
    .replace(/^mailto:/i, '');
  const match = EMAIL_PATTERN.exec(address);
  if (!match || match[1].length > MAXIMUM_LOCAL_LENGTH || address.length > MAXIMUM_ADDRESS_LENGTH) {
    return rejected(`'${text}' is not a valid email address; reply with one address such as jane@example.com, or "Not found"`);
  }
  return accepted(`${match[1]}@${match[2].toLowerCase()}`);
}
