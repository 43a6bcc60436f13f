import { describe, expect, it } from 'vitest';
import { retryAfterMs, retryDelayMs } from './retry-delay.ts';

describe('retryDelayMs', () => {
  const policy = (random: number) => ({ baseDelayMs: 100, maxDelayMs: 1_000, random: () => random });

  it('doubles per attempt and scales by a jitter factor in [0.5, 1)', () => {
    expect([0, 1, 2].map((attempt) => retryDelayMs(attempt, policy(0)))).toEqual([50, 100, 200]);
    expect([0, 1, 2].map((attempt) => retryDelayMs(attempt, policy(0.999)))).toEqual([100, 200, 400]);
  });

  it('is capped, even for absurd attempt numbers', () => {
    expect(retryDelayMs(5, policy(0.999))).toBe(1_000);
    expect(retryDelayMs(10_000, policy(0))).toBe(500);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and ignores what it cannot read', () => {
    expect(retryAfterMs('2')).toBe(2_000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});
