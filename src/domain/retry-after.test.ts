import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryAfterFromHeaders } from './retry-after.ts';

const NOW = Date.parse('2026-01-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it('reads whole and fractional seconds, rounding up, with surrounding spaces', () => {
    expect(parseRetryAfter('2', NOW)).toBe(2_000);
    expect(parseRetryAfter(' 1.5 ', NOW)).toBe(1_500);
    expect(parseRetryAfter('0.0001', NOW)).toBe(1);
    expect(parseRetryAfter('0', NOW)).toBe(0);
  });

  it('reads an HTTP date relative to now, and a past date as no wait', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:59:00 GMT', NOW)).toBe(0);
  });

  it('returns undefined when absent or unreadable', () => {
    for (const value of [null, undefined, '', '   ', 'soon', '-5', '1e3', '0x10']) expect(parseRetryAfter(value, NOW), String(value)).toBeUndefined();
  });
});

describe('retryAfterFromHeaders', () => {
  it('prefers retry-after-ms, in a record or in Headers, whatever the name case', () => {
    expect(retryAfterFromHeaders({ 'retry-after-ms': '1500', 'retry-after': '9' }, NOW)).toBe(1_500);
    expect(retryAfterFromHeaders(new Headers({ 'Retry-After-Ms': '250.2', 'Retry-After': '9' }), NOW)).toBe(251);
    expect(retryAfterFromHeaders({ 'Retry-After': '3' }, NOW)).toBe(3_000);
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 12:00:10 GMT' }), NOW)).toBe(10_000);
  });

  it('falls back to Retry-After when retry-after-ms is unreadable, and is undefined without either', () => {
    expect(retryAfterFromHeaders({ 'retry-after-ms': 'soon', 'retry-after': '4' }, NOW)).toBe(4_000);
    expect(retryAfterFromHeaders(undefined, NOW)).toBeUndefined();
    expect(retryAfterFromHeaders({}, NOW)).toBeUndefined();
    expect(retryAfterFromHeaders(new Headers(), NOW)).toBeUndefined();
  });
});
