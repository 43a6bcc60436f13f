import { describe, expect, it } from 'vitest';
import { cellRetryDelayMs } from './backoff.ts';

const policy = { baseDelayMs: 1_000, maxDelayMs: 60_000 };

describe('cellRetryDelayMs', () => {
  it('is the shared equal-jitter backoff, the first failed claim being the first retry', () => {
    expect(cellRetryDelayMs(1, policy, () => 0)).toBe(500);
    expect(cellRetryDelayMs(1, policy, () => 0.999_999)).toBe(1_000);
    expect(cellRetryDelayMs(3, policy, () => 0.999_999)).toBe(4_000);
    expect(cellRetryDelayMs(3, policy, () => 0)).toBe(2_000);
  });

  it('is capped and survives huge attempt counts', () => {
    expect(cellRetryDelayMs(50, policy, () => 0.999_999)).toBe(60_000);
    expect(Number.isFinite(cellRetryDelayMs(10_000, policy, () => 0.5))).toBe(true);
  });

  it('waits at least what Retry-After asks, up to the cap', () => {
    expect(cellRetryDelayMs(1, policy, () => 0, 30_000)).toBe(30_000);
    expect(cellRetryDelayMs(1, policy, () => 0, 10 * 60_000)).toBe(60_000);
    expect(cellRetryDelayMs(1, policy, () => 0, 100)).toBe(500);
  });
});
