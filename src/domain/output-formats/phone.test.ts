import { describe, expect, it } from 'vitest';
import { parseAnswer } from './parse-answer.ts';

describe('parseAnswer phone', () => {
  it.each([
    ['+1 (415) 555-2671', undefined, '+14155552671'],
    ['+14155552671', undefined, '+14155552671'],
    ['+44 20 7946 0958', undefined, '+442079460958'],
    ['+49 30 901820', undefined, '+4930901820'],
    ['tel:+14155552671', undefined, '+14155552671'],
    ['Phone: +1 415 555 2671', undefined, '+14155552671'],
    ['(415) 555-2671', 'US', '+14155552671'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['+1 415 555 2671 ext. 12', undefined, '+14155552671'],
  ] as const)('accepts %j (default country %s) as %j', (raw, defaultCountry, answer) => {
    expect(parseAnswer('phone', raw, { defaultCountry })).toEqual({ ok: true, answer, isNotFound: false });
  });

  it.each([
    ['(415) 555-2671', 'with its country code'],
    ['12345', 'is not a phone number'],
    ['call us', 'is not a phone number'],
    ['+1 555 555 5555', 'is not a valid phone number'],
    ['+44 20 1234', 'is not a valid phone number'],
    ['+1 415 555 2671 or +44 20 7946 0958', 'is not a phone number'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(parseAnswer('phone', raw)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });

  it('needs a default country for a national number, and uses it when given', () => {
    expect(parseAnswer('phone', '020 7946 0958').ok).toBe(false);
    expect(parseAnswer('phone', '020 7946 0958', { defaultCountry: 'GB' }).ok).toBe(true);
  });

  it('refuses non-text answers', () => {
    expect(parseAnswer('phone', { number: '+14155552671' }).ok).toBe(false);
  });
});
