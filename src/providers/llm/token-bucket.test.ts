import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.ts';

describe('TokenBucket', () => {
  it('allows a burst of a minute budget, then makes callers wait for the refill in order', () => {
    let now = 0;
    const bucket = new TokenBucket(60, () => now); // one token per second
    for (let index = 0; index < 60; index++) expect(bucket.reserve(1)).toBe(0);
    expect(bucket.reserve(1)).toBe(1_000);
    expect(bucket.reserve(1)).toBe(2_000);
    now = 2_000;
    expect(bucket.balance).toBeCloseTo(0);
  });

  it('refills up to its capacity and no further', () => {
    let now = 0;
    const bucket = new TokenBucket(600, () => now);
    bucket.reserve(600);
    now = 30_000;
    expect(bucket.balance).toBeCloseTo(300);
    now = 600_000;
    expect(bucket.balance).toBe(600);
  });

  it('lets a request larger than the whole budget through after a wait', () => {
    const bucket = new TokenBucket(1_000, () => 0);
    expect(bucket.reserve(3_000)).toBe(120_000);
  });

  it('takes corrections both ways, capped at capacity', () => {
    const bucket = new TokenBucket(100, () => 0);
    bucket.reserve(50);
    bucket.giveBack(-30);
    expect(bucket.balance).toBe(20);
    bucket.giveBack(500);
    expect(bucket.balance).toBe(100);
  });

  it('rejects a budget that is not positive and finite', () => {
    expect(() => new TokenBucket(0)).toThrow(RangeError);
    expect(() => new TokenBucket(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
