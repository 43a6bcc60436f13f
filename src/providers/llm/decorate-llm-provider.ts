import type { LlmProvider, ResponseCache } from '../spec/llm.ts';
import type { LlmSettings } from './llm-settings.ts';
import { createMemoryResponseCache } from './memory-response-cache.ts';
import type { Sleep } from './sleep.ts';
import { withConcurrencyLimit } from './with-concurrency-limit.ts';
import { withRateLimit } from './with-rate-limit.ts';
import { withResponseCache } from './with-response-cache.ts';
import { withRetry } from './with-retry.ts';
import type { RetryOptions } from './with-retry.ts';
import { withTimeout } from './with-timeout.ts';

/** The settings that shape the decorators. */
export type LlmLimits = Pick<LlmSettings, 'concurrency' | 'requestsPerMinute' | 'tokensPerMinute' | 'timeoutMs' | 'maxRetries' | 'cacheTtlMs'>;

/** Collaborators of the decorators, injectable for tests and for the database-backed cache. */
export interface DecorateLlmProviderOptions {
  /** Where responses are cached; a new in-memory LRU when omitted. */
  cache?: ResponseCache;
  /** Clock in milliseconds for the rate limiter. */
  now?: () => number;
  /** Wait function for the rate limiter and for retries. */
  sleep?: Sleep;
  /** Backoff tuning, random source and retry hook. */
  retry?: Omit<RetryOptions, 'maxRetries' | 'sleep'>;
}

/**
 * Wraps a provider in, from the outside in:
 * cache → retry → concurrency limit → rate limit → timeout → provider.
 *
 * - The cache is outermost, so a hit costs no slot, no budget and no retry.
 * - Each retry goes back through the limits, so retries count against them, and nobody holds a
 *   slot while waiting out a backoff.
 * - The rate limit is inside the concurrency limit: a call holds its slot while it waits for
 *   budget, which is idle capacity only in appearance (no call could be sent anyway) and keeps
 *   requests leaving in the order they were admitted.
 * - The timeout is innermost, so it measures the provider's answer, not our queues.
 */
export function decorateLlmProvider(provider: LlmProvider, limits: LlmLimits, options: DecorateLlmProviderOptions = {}): LlmProvider {
  const { cache = createMemoryResponseCache(), now, sleep } = options;
  const timed = withTimeout(provider, limits.timeoutMs);
  const rateLimited = withRateLimit(timed, {
    requestsPerMinute: limits.requestsPerMinute,
    tokensPerMinute: limits.tokensPerMinute,
    ...(now !== undefined && { now }),
    ...(sleep !== undefined && { sleep }),
  });
  const concurrencyLimited = withConcurrencyLimit(rateLimited, limits.concurrency);
  const retried = withRetry(concurrencyLimited, {
    ...options.retry,
    maxRetries: limits.maxRetries,
    ...(sleep !== undefined && { sleep }),
  });
  return withResponseCache(retried, cache, limits.cacheTtlMs);
}
