import { describe, expect, it } from 'vitest';
import { parseAnswer } from './parse-answer.ts';

describe('parseAnswer url', () => {
  it.each([
    ['https://stripe.com', 'https://stripe.com/'],
    ['https://stripe.com/pricing?plan=pro#faq', 'https://stripe.com/pricing?plan=pro#faq'],
    ['http://example.org/a', 'http://example.org/a'],
    ['stripe.com', 'https://stripe.com/'],
    ['www.stripe.com/pricing', 'https://www.stripe.com/pricing'],
    ['  HTTPS://Stripe.COM/Pricing  ', 'https://stripe.com/Pricing'],
    ['//cdn.example.com/file', 'https://cdn.example.com/file'],
    ['<https://stripe.com/docs>', 'https://stripe.com/docs'],
    ['example.com:8080/status', 'https://example.com:8080/status'],
    ['https://en.wikipedia.org/wiki/Stripe,_Inc.', 'https://en.wikipedia.org/wiki/Stripe,_Inc.'],
  ])('accepts %j as %j', (raw, answer) => {
    expect(parseAnswer('url', raw)).toEqual({ ok: true, answer, isNotFound: false });
  });

  it.each([
    ['javascript:alert(1)', 'uses the javascript: scheme'],
    ['JavaScript:alert(1)', 'uses the javascript: scheme'],
    ['ftp://files.example.com/a.zip', 'uses the ftp: scheme'],
    ['mailto:jane@example.com', 'uses the mailto: scheme'],
    ['data:text/html,hi', 'uses the data: scheme'],
    ['https://stripe .com', 'contains spaces'],
    ['stripe.com and adyen.com', 'contains spaces'],
    ['localhost', 'no public host name'],
    ['http://localhost:3000', 'no public host name'],
    ['https://intranet/page', 'no public host name'],
    ['stripe', 'no public host name'],
    ['https://', 'not a valid URL'],
    ['[Stripe](https://stripe.com)', 'not a valid URL'],
    ['http://exa mple.com', 'contains spaces'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(parseAnswer('url', raw)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });

  it.each([[42], [{ url: 'https://stripe.com' }], [['https://stripe.com']]])('refuses the non-text %j', (raw) => {
    expect(parseAnswer('url', raw).ok).toBe(false);
  });
});
