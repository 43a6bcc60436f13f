import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../domain/errors.ts';
import { FetchError } from '../providers/spec/fetcher.ts';
import { LlmError } from '../providers/spec/llm.ts';
import { SearchError } from '../providers/spec/search.ts';
import { PermanentCellError } from './cell-executor.ts';
import { decideAfterFailure, type FailedAttempt } from './retry-decision.ts';

const attempt: FailedAttempt = { attempts: 1, maxAttempts: 3, isAborted: false, backoff: { baseDelayMs: 1_000, maxDelayMs: 60_000 }, random: () => 0 };

describe('decideAfterFailure', () => {
  it('retries what a provider error calls retryable, after the cell backoff', () => {
    const failures = [
      new LlmError('server_error', 'model down'),
      new LlmError('timeout', 'slow'),
      new SearchError({ code: 'rate_limited', message: 'slow down' }),
      new FetchError({ code: 'network_error', url: 'https://a.test/', message: 'reset' }),
      new FetchError({ code: 'http_error', url: 'https://a.test/', status: 503, isRetryable: true, message: '503' }),
    ];
    for (const error of failures) expect(decideAfterFailure(error, attempt), error.message).toEqual({ action: 'retry', delayMs: 500 });
    expect(decideAfterFailure(new LlmError('timeout', 'slow'), { ...attempt, attempts: 2 })).toEqual({ action: 'retry', delayMs: 1_000 });
  });

  it("waits the provider's Retry-After when it asks for longer, never past the cap", () => {
    expect(decideAfterFailure(new LlmError('rate_limited', '429', { retryAfterMs: 20_000 }), attempt)).toEqual({ action: 'retry', delayMs: 20_000 });
    const searchLimit = new SearchError({ code: 'rate_limited', message: '429', retryAfterMs: 86_400_000 });
    expect(decideAfterFailure(searchLimit, attempt)).toEqual({ action: 'retry', delayMs: 60_000 });
    const fetchLimit = new FetchError({ code: 'http_error', url: 'https://a.test/', status: 429, isRetryable: true, retryAfterMs: 100, message: '429' });
    expect(decideAfterFailure(fetchLimit, attempt)).toEqual({ action: 'retry', delayMs: 500 });
  });

  it('fails at once, with the provider message, what a provider error calls permanent', () => {
    const failures = [
      new LlmError('authentication', 'bad key'),
      new LlmError('rate_limited', 'insufficient_quota', { isRetryable: false }),
      new SearchError({ code: 'authentication', message: 'bad search key' }),
      new FetchError({ code: 'blocked_address', url: 'http://10.0.0.1/', message: 'private address' }),
    ];
    for (const error of failures) expect(decideAfterFailure(error, attempt)).toEqual({ action: 'fail', message: error.message });
  });

  it('fails a PermanentCellError or a non-retryable AppError at once, and retries an unknown error', () => {
    expect(decideAfterFailure(new PermanentCellError('no model configured'), attempt)).toEqual({ action: 'fail', message: 'no model configured' });
    expect(decideAfterFailure(new NotFoundError('row gone'), attempt)).toEqual({ action: 'fail', message: 'row gone' });
    expect(decideAfterFailure(new TypeError('surprise'), attempt)).toEqual({ action: 'retry', delayMs: 500 });
  });

  it('reads no look-alike fields: only the error classes decide', () => {
    const lookAlike = Object.assign(new Error('looks permanent'), { isRetryable: false, retryAfterMs: 30_000 });
    expect(decideAfterFailure(lookAlike, attempt)).toEqual({ action: 'retry', delayMs: 500 });
  });

  it('fails once the attempts are spent, saying how many were made', () => {
    expect(decideAfterFailure(new LlmError('server_error', 'model down'), { ...attempt, attempts: 3 })).toEqual({
      action: 'fail',
      message: 'model down (gave up after 3 attempts)',
    });
  });

  it('fails an aborted attempt with its own message, even when retryable', () => {
    expect(decideAfterFailure(new LlmError('server_error', 'cut off'), { ...attempt, isAborted: true })).toEqual({ action: 'fail', message: 'cut off' });
  });
});
