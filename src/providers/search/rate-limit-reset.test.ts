import { describe, expect, it } from 'vitest';
import { retryAfterFromRateLimitReset } from './rate-limit-reset.ts';

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
