export interface BackoffPolicy {
  /** Delay before the first retry, in ms. */
  baseDelayMs: number;
  /** Upper bound of any delay, in ms. */
  maxDelayMs: number;
}

export const DEFAULT_CELL_BACKOFF: BackoffPolicy = { baseDelayMs: 1_000, maxDelayMs: 5 * 60_000 };

/**
 * Delay before retry number `attempt` (1-based): exponential with full jitter, the exponent
 * clamped so large attempt counts cannot overflow (pg-boss plans.ts). A provider's own
 * Retry-After wins when it asks for longer.
 */
export function retryDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random, retryAfterMs?: number): number {
  const exponential = policy.baseDelayMs * 2 ** Math.min(16, Math.max(0, attempt - 1));
  const jittered = Math.min(policy.maxDelayMs, exponential) * (0.5 + random() / 2);
  return Math.round(Math.max(jittered, Math.min(retryAfterMs ?? 0, policy.maxDelayMs)));
}
