import { describe, expect, it } from 'vitest';
import { computeBackoffDelay } from './compute-backoff-delay.ts';

const policy = { initialDelayMs: 100, maxDelayMs: 1_000, maxExponent: 3 };

describe('computeBackoffDelay', () => {
  it('doubles the ceiling per attempt and scales it by the random draw (full jitter)', () => {
    const almostOne = () => 0.999_999;
    expect([0, 1, 2, 3].map((attempt) => computeBackoffDelay(attempt, policy, almostOne))).toEqual([99, 199, 399, 799]);
    expect(computeBackoffDelay(2, policy, () => 0.5)).toBe(200);
    expect(computeBackoffDelay(2, policy, () => 0)).toBe(0);
  });

  it('clamps the exponent and caps the delay', () => {
    const almostOne = () => 0.999_999;
    expect(computeBackoffDelay(4, { ...policy, maxDelayMs: 100_000 }, almostOne)).toBe(799);
    expect(computeBackoffDelay(10_000, { ...policy, maxExponent: 10_000 }, almostOne)).toBe(999);
  });
});
