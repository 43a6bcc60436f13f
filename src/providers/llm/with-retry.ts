import { backoffDelayMs, type BackoffPolicy } from '../../domain/backoff.ts';
import { LlmError } from '../spec/llm.ts';
import type { LlmProvider } from '../spec/llm.ts';
import { sleep as realSleep } from './sleep.ts';
import type { Sleep } from './sleep.ts';

/** What `withRetry` reports before each wait; handy for logs. */
export interface RetryEvent {
  /** 1 for the first retry. */
  retry: number;
  delayMs: number;
  error: LlmError;
}

/** Quick retries inside one cell attempt: up to 1 s, then 2 s, 4 s… never over 30 s. */
const DEFAULT_BACKOFF_POLICY: BackoffPolicy = { baseDelayMs: 1_000, maxDelayMs: 30_000 };

/** How `withRetry` retries. */
export interface RetryOptions extends Partial<BackoffPolicy> {
  /** Retries after the first attempt; 0 turns retrying off. */
  maxRetries: number;
  /**
   * A `Retry-After` longer than this is not waited out here: the error is thrown at once, with
   * `retryAfterMs` set, so the engine can reschedule the cell instead of holding a worker.
   * Defaults to 60 seconds.
   */
  maxRetryAfterMs?: number;
  /** Uniform random number in [0, 1); injectable for tests. */
  random?: () => number;
  /** Wait function; injectable for tests. */
  sleep?: Sleep;
  /** Called before each wait. */
  onRetry?: (event: RetryEvent) => void;
}

/**
 * Retries calls that failed with a retryable `LlmError` (timeouts, 429, 5xx, connection errors)
 * with the shared exponential backoff with equal jitter (`domain/backoff.ts`). When the provider sent
 * `Retry-After` and it is longer than the computed backoff, it wins. Permanent errors (400, 401,
 * 403, 404, 422, a bad key, an invalid response) are thrown at once with the provider's message.
 */
export function withRetry(provider: LlmProvider, options: RetryOptions): LlmProvider {
  const policy: BackoffPolicy = {
    baseDelayMs: options.baseDelayMs ?? DEFAULT_BACKOFF_POLICY.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULT_BACKOFF_POLICY.maxDelayMs,
  };
  const { maxRetries, maxRetryAfterMs = 60_000, random = Math.random, sleep = realSleep, onRetry } = options;
  if (!(maxRetries > 0)) return provider;

  return {
    providerId: provider.providerId,
    modelId: provider.modelId,
    async generate(request, callOptions = {}) {
      for (let retry = 0; ; retry++) {
        try {
          return await provider.generate(request, callOptions);
        } catch (error) {
          if (!(error instanceof LlmError) || !error.isRetryable) throw error;
          // The last error as the provider said it: the engine says how often the cell was tried,
          // and two counts of attempts in one message read as a stutter.
          if (retry >= maxRetries) throw error;
          if (error.retryAfterMs !== undefined && error.retryAfterMs > maxRetryAfterMs) throw error;
          const delayMs = Math.max(backoffDelayMs(retry + 1, policy, random), error.retryAfterMs ?? 0);
          onRetry?.({ retry: retry + 1, delayMs, error });
          try {
            await sleep(delayMs, callOptions.signal);
          } catch (sleepError) {
            throw new LlmError('aborted', `${provider.providerId} (model ${provider.modelId}): the call was aborted while waiting to retry`, {
              cause: sleepError,
            });
          }
        }
      }
    },
  };
}
