/**
 * The one backoff of Fathom: the engine's cell retries, the LLM decorator's quick retries and
 * the SDK's request retries all wait this long (decision record 2026-12-06-one-retry-policy).
 */

/** How retry waits grow. Durations in milliseconds. */
export interface BackoffPolicy {
  /** Ceiling of the first retry's wait; each later retry doubles it. */
  baseDelayMs: number;
  /** No wait is longer than this. */
  maxDelayMs: number;
}

// 2^16 times the base is already far past any cap; clamping keeps huge retry counts finite.
const MAX_EXPONENT = 16;

/**
 * Wait before retry number `retry` (1 is the first retry): exponential with **equal jitter**,
 * half of `min(maxDelayMs, baseDelayMs · 2^(retry − 1))` always, plus a uniformly random part
 * of the other half. The fixed half guarantees a failed call is never retried at once (full
 * jitter can draw 0 ms); the random half spreads callers that failed together (pg-boss
 * `plans.ts`: `delay · 2^n / 2 · (1 + random())`). `random` is injectable so tests are exact.
 */
export function backoffDelayMs(retry: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(MAX_EXPONENT, Math.max(0, retry - 1));
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  return Math.round((ceiling / 2) * (1 + random()));
}
