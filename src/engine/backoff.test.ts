import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff.ts';

const policy = { baseDelayMs: 1_000, maxDelayMs: 60_000 };

describe('retryDelayMs', () => {
  it('doubles per attempt within the jitter band', () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, () => 1)).toBe(1_000);
    expect(retryDelayMs(3, policy, () => 1)).toBe(4_000);
    expect(retryDelayMs(3, policy, () => 0)).toBe(2_000);
  });

  it('is capped and survives huge attempt counts', () => {
    expect(retryDelayMs(50, policy, () => 1)).toBe(60_000);
    expect(Number.isFinite(retryDelayMs(10_000, policy, () => 0.5))).toBe(true);
  });

  it('waits at least what Retry-After asks, up to the cap', () => {
    expect(retryDelayMs(1, policy, () => 0, 30_000)).toBe(30_000);
    expect(retryDelayMs(1, policy, () => 0, 10 * 60_000)).toBe(60_000);
  });
});
