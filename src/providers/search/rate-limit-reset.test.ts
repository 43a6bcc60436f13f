import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryAfterFromRateLimitReset } from './retry-after.ts';

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-03-05T12:00:00Z');

  it('reads delay seconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1_500);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Tue, 05 Mar 2024 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 05 Mar 2024 11:00:00 GMT', now)).toBe(0);
  });

  it('returns undefined when absent or unreadable', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('retryAfterFromRateLimitReset', () => {
  it('waits for the longest exhausted window', () => {
    const headers = new Headers({ 'x-ratelimit-remaining': '5, 0', 'x-ratelimit-reset': '1, 86400' });
    expect(retryAfterFromRateLimitReset(headers)).toBe(86_400_000);
  });

  it('falls back to the shortest window when none reports exhaustion', () => {
    const headers = new Headers({ 'x-ratelimit-reset': '2, 1419704' });
    expect(retryAfterFromRateLimitReset(headers)).toBe(2_000);
  });

  it('returns undefined without a readable reset header', () => {
    expect(retryAfterFromRateLimitReset(new Headers())).toBeUndefined();
    expect(retryAfterFromRateLimitReset(new Headers({ 'x-ratelimit-reset': 'later' }))).toBeUndefined();
  });
});
