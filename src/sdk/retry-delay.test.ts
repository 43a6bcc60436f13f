import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../domain/backoff.ts';
import { parseRetryAfter } from '../domain/retry-after.ts';
import { retryAfterMs, retryDelayMs } from './retry-delay.ts';

describe('retryDelayMs', () => {
  const policy = (random: number) => ({ baseDelayMs: 100, maxDelayMs: 1_000, random: () => random });

  it('doubles per retry, counting from 1, and waits between half and all of the ceiling', () => {
    expect([1, 2, 3].map((retry) => retryDelayMs(retry, policy(0)))).toEqual([50, 100, 200]);
    expect([1, 2, 3].map((retry) => retryDelayMs(retry, policy(0.999_999)))).toEqual([100, 200, 400]);
  });

  it('is capped, even for absurd retry numbers', () => {
    expect(retryDelayMs(6, policy(0.999_999))).toBe(1_000);
    expect(retryDelayMs(10_000, policy(0))).toBe(500);
  });

  it("is the server's backoff (domain/backoff.ts), answer for answer", () => {
    for (const retry of [0, 1, 2, 3, 7, 17, 40]) {
      for (const draw of [0, 0.25, 0.5, 0.999]) {
        const serverPolicy = { baseDelayMs: 250, maxDelayMs: 30_000 };
        expect(retryDelayMs(retry, { ...serverPolicy, random: () => draw })).toBe(backoffDelayMs(retry, serverPolicy, () => draw));
      }
    }
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and ignores what it cannot read', () => {
    expect(retryAfterMs('2')).toBe(2_000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });

  it("is the server's Retry-After reader (domain/retry-after.ts), answer for answer", () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    for (const value of ['2', ' 1.5 ', '0.0001', '0', '', 'soon', '-5', '1e3', 'Thu, 01 Jan 2026 12:00:30 GMT', 'Thu, 01 Jan 2026 11:00:00 GMT']) {
      expect(retryAfterMs(value, now), value).toBe(parseRetryAfter(value, now));
    }
  });
});
