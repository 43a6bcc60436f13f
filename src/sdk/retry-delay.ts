/**
 * The SDK's copy of the server's retry policy (`src/domain/backoff.ts` and
 * `src/domain/retry-after.ts`): the SDK must load no server code at run time, so it cannot
 * import them. `retry-delay.test.ts` checks the copies give the same answers.
 */

/** How retry waits grow. Durations in milliseconds. */
export interface RetryDelayPolicy {
  /** Ceiling of the first retry's wait; each later retry doubles it. */
  baseDelayMs: number;
  /** No wait is longer than this. */
  maxDelayMs: number;
  /** Source of randomness in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
}

/**
 * Wait before retry number `retry` (1 is the first retry): exponential with equal jitter, half
 * of `min(maxDelayMs, baseDelayMs · 2^(retry − 1))` plus a random part of the other half, so
 * clients that failed together do not all retry in the same instant. The exponent is clamped so
 * a large retry number cannot overflow to Infinity.
 */
export function retryDelayMs(retry: number, policy: RetryDelayPolicy): number {
  const random = policy.random ?? Math.random;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(16, Math.max(0, retry - 1)));
  return Math.round((ceiling / 2) * (1 + random()));
}

/**
 * A `Retry-After` header as milliseconds (delay-seconds, fractional too, or an HTTP date),
 * rounded up; undefined when absent or unreadable. The server knows best when it will be ready.
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  const text = header?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
