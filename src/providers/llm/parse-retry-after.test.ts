import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './parse-retry-after.ts';

const NOW = Date.parse('2026-01-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it('reads whole and fractional seconds', () => {
    expect(parseRetryAfter({ 'retry-after': '2' }, NOW)).toBe(2_000);
    expect(parseRetryAfter({ 'retry-after': '0.25' }, NOW)).toBe(250);
    expect(parseRetryAfter({ 'retry-after': '0' }, NOW)).toBe(0);
  });

  it('reads an HTTP date relative to now, and a past date as no wait', () => {
    expect(parseRetryAfter({ 'retry-after': 'Thu, 01 Jan 2026 12:00:30 GMT' }, NOW)).toBe(30_000);
    expect(parseRetryAfter({ 'retry-after': 'Thu, 01 Jan 2026 11:59:00 GMT' }, NOW)).toBe(0);
  });

  it('prefers retry-after-ms and ignores header name case', () => {
    expect(parseRetryAfter({ 'retry-after-ms': '1500', 'retry-after': '9' }, NOW)).toBe(1_500);
    expect(parseRetryAfter({ 'Retry-After': '3' }, NOW)).toBe(3_000);
  });

  it('returns undefined when absent or unreadable', () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter({}, NOW)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': '' }, NOW)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': 'soon' }, NOW)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': '-5' }, NOW)).toBeUndefined();
  });
});
