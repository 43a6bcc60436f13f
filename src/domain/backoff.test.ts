import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.ts';

const policy = { baseDelayMs: 1_000, maxDelayMs: 60_000 };

describe('backoffDelayMs (exponential, equal jitter)', () => {
  it('counts retries from 1 and doubles the ceiling per retry', () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4].map((retry) => backoffDelayMs(retry, policy, top))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('always waits half the ceiling, and at most all of it: never 0 ms', () => {
    expect(backoffDelayMs(1, policy, () => 0)).toBe(500);
    expect(backoffDelayMs(1, policy, () => 0.5)).toBe(750);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(2_000);
    for (let draw = 0; draw < 1; draw += 0.1) {
      const delay = backoffDelayMs(2, policy, () => draw);
      expect(delay).toBeGreaterThanOrEqual(1_000);
      expect(delay).toBeLessThanOrEqual(2_000);
    }
  });

  it('caps the wait and survives huge or nonsensical retry counts', () => {
    expect(backoffDelayMs(50, policy, () => 0.999_999)).toBe(60_000);
    expect(backoffDelayMs(50, policy, () => 0)).toBe(30_000);
    expect(backoffDelayMs(10_000, { baseDelayMs: 1, maxDelayMs: Number.MAX_SAFE_INTEGER }, () => 0)).toBe(2 ** 15);
    expect(backoffDelayMs(0, policy, () => 0)).toBe(500);
  });
});
