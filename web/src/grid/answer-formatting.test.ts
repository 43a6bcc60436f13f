import { describe, expect, it } from 'vitest';
import { answerAsText, formatDate, formatMoney, formatYear, profileName, shortUrl } from './answer-formatting.ts';

describe('answer formatting', () => {
  it('formats money compactly for a cell and in full for the panel', () => {
    const money = { amount: 9_810_000_000, currency: 'USD', period: 'year' };
    expect(formatMoney(money, 'compact')).toMatch(/^\$9\.81B\/yr$/);
    expect(formatMoney(money, 'full')).toMatch(/^\$9,810,000,000\.00\/yr$/);
    expect(formatMoney({ amount: 12, currency: 'NOTACODE' }, 'compact')).toBe('12 NOTACODE');
  });

  it('formats full and partial dates without shifting them by time zone', () => {
    expect(formatDate('2021')).toBe('2021');
    expect(formatDate('2021-03')).toBe('Mar 2021');
    expect(formatDate('2021-03-01')).toBe('Mar 1, 2021');
    expect(formatDate('early 2021')).toBe('early 2021');
  });

  it("formats timestamps in the reader's time zone, and years without grouping", () => {
    const timestamp = '2026-11-30T14:05:00.000Z';
    expect(formatDate(timestamp)).toBe(new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(timestamp)));
    expect(formatDate(timestamp)).not.toContain('T14');
    expect(formatYear(2016)).toBe('2016');
    expect(formatYear(2016.5)).toBe('2,016.5');
  });

  it('shortens URLs and reads any answer as text', () => {
    expect(shortUrl('https://www.stripe.com/')).toBe('stripe.com');
    expect(answerAsText(['a', 'b'])).toBe('a; b');
    expect(answerAsText([{ full_name: 'Ada', role: 'CTO' }])).toBe('Ada, CTO');
    expect(answerAsText({ x: 1 })).toBe('{"x":1}');
  });
});

describe('profileName', () => {
  it('names a profile by name and domain, and says when a name input was matched to it', () => {
    expect(profileName({ name: 'Acme', domain: 'acme.com', resolution: { method: 'domain', score: 1 } })).toBe('Acme (acme.com)');
    expect(profileName({ name: 'Acme', domain: 'acme.com', resolution: { method: 'name_search', score: 0.912 } })).toBe(
      'Acme (acme.com) · matched by name (0.91)',
    );
    expect(profileName({ domain: 'acme.com' })).toBe('acme.com');
    expect(profileName('Not found')).toBeNull();
  });
});
