/** How retry waits grow. All durations are in milliseconds. */
export interface BackoffPolicy {
  /** Upper bound of the first wait (attempt 0). */
  initialDelayMs: number;
  /** No computed wait is longer than this. */
  maxDelayMs: number;
  /** The exponent stops growing here, so `2 ** attempt` can never overflow. */
  maxExponent: number;
}

/** Defaults: up to 1 s, then 2 s, 4 s … capped at 30 s. */
export const DEFAULT_BACKOFF_POLICY: BackoffPolicy = { initialDelayMs: 1_000, maxDelayMs: 30_000, maxExponent: 16 };

/**
 * Exponential backoff with full jitter: a uniformly random wait between 0 and
 * `min(maxDelayMs, initialDelayMs * 2 ** min(attempt, maxExponent))`.
 * Full jitter spreads retries of many callers that failed together (AWS Architecture Blog,
 * "Exponential Backoff and Jitter"); `random` is injectable so tests are deterministic.
 *
 * @param attempt zero-based number of the retry being scheduled.
 */
export function computeBackoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF_POLICY, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(0, attempt), policy.maxExponent);
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}
