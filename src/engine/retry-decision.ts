import { AppError } from '../domain/errors.ts';
import { ProviderError } from '../domain/provider-error.ts';
import { type BackoffPolicy, cellRetryDelayMs } from './backoff.ts';

/** What becomes of a cell whose executor threw: back to the queue after a delay, or failed with a message. */
export type RetryDecision = { action: 'retry'; delayMs: number } | { action: 'fail'; message: string };

/** The failed attempt the decision is about. */
export interface FailedAttempt {
  /** Claims of the cell so far, the failed one included. */
  attempts: number;
  /** Claims of one cell before it fails for good. */
  maxAttempts: number;
  /** The cell's work was aborted (lease lost, forced stop): its outcome is void, retrying it here is pointless. */
  isAborted: boolean;
  backoff: BackoffPolicy;
  random?: () => number;
}

/**
 * Decides from the error alone (house style H4). A provider error (`LlmError`, `SearchError`,
 * `FetchError`) or an `AppError` says itself whether trying again can help, a
 * `PermanentCellError` never; anything else is a surprise and is retried until the attempts run
 * out. A retry waits the cell backoff, or longer when the provider asked for it.
 */
export function decideAfterFailure(error: Error, attempt: FailedAttempt): RetryDecision {
  const isRetryable = error instanceof ProviderError || error instanceof AppError ? error.isRetryable : true;
  if (!isRetryable || attempt.isAborted) return { action: 'fail', message: error.message };
  if (attempt.attempts >= attempt.maxAttempts) return { action: 'fail', message: `${error.message} (gave up after ${attempt.attempts} attempts)` };
  const retryAfterMs = error instanceof ProviderError ? error.retryAfterMs : undefined;
  return { action: 'retry', delayMs: cellRetryDelayMs(attempt.attempts, attempt.backoff, attempt.random, retryAfterMs) };
}
