/** How long to wait before retry number `attempt` (0-based). */
export interface RetryDelayPolicy {
  /** Delay of the first retry before jitter. */
  baseDelayMs: number;
  /** No delay is longer than this. */
  maxDelayMs: number;
  /** Source of randomness in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
}

/**
 * Exponential backoff with jitter: base · 2^attempt, capped, then scaled by a random factor in
 * [0.5, 1) so clients that failed together do not all retry in the same instant. The exponent
 * is clamped so a large attempt number cannot overflow to Infinity.
 */
export function retryDelayMs(attempt: number, policy: RetryDelayPolicy): number {
  const random = policy.random ?? Math.random;
  const exponential = policy.baseDelayMs * 2 ** Math.min(attempt, 16);
  return Math.round(Math.min(policy.maxDelayMs, exponential) * (0.5 + random() / 2));
}

/**
 * A `Retry-After` header as milliseconds (seconds or an HTTP date), or undefined when absent
 * or unreadable. The server knows best when it will be ready again.
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
