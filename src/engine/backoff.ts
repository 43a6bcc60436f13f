import { backoffDelayMs, type BackoffPolicy } from '../domain/backoff.ts';

export type { BackoffPolicy } from '../domain/backoff.ts';

/**
 * How long a failed cell waits before it may be claimed again: the shared backoff
 * (`domain/backoff.ts`, exponential with equal jitter) for its retry number, since a cell that
 * failed its first claim is on its first retry; or the provider's Retry-After when that asks
 * for longer, never past the policy's cap.
 */
export function cellRetryDelayMs(failedAttempts: number, policy: BackoffPolicy, random: () => number = Math.random, retryAfterMs?: number): number {
  return Math.max(backoffDelayMs(failedAttempts, policy, random), Math.min(retryAfterMs ?? 0, policy.maxDelayMs));
}
