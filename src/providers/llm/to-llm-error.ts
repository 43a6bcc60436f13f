import {
  APICallError,
  EmptyResponseBodyError,
  InvalidResponseDataError,
  JSONParseError,
  LoadAPIKeyError,
  NoContentGeneratedError,
  NoObjectGeneratedError,
  NoOutputGeneratedError,
  RetryError,
  TypeValidationError,
} from 'ai';
import { retryAfterFromHeaders } from '../../domain/retry-after.ts';
import { LlmError } from '../spec/llm.ts';
import type { LlmErrorCode } from '../spec/llm.ts';

/** Which call failed; used to write messages a user can act on. */
export interface LlmCallContext {
  providerId: string;
  modelId: string;
  /** The caller's signal: when it is aborted, any failure is reported as `aborted`. */
  signal?: AbortSignal;
}

/**
 * Turns whatever the AI SDK threw into an `LlmError`, keeping the provider's own message and
 * the original error as `cause`. HTTP statuses decide the code:
 * 401/403 authentication, 408 timeout, 429 rate_limited, 409 and 5xx server_error
 * (the AI SDK also treats 409 as retryable), every other status bad_request.
 */
export function toLlmError(error: unknown, context: LlmCallContext): LlmError {
  if (error instanceof LlmError) return error;
  const name = `${context.providerId} (model ${context.modelId})`;

  if (context.signal?.aborted || isAbortError(error)) {
    return new LlmError('aborted', `${name}: the call was aborted`, { cause: error });
  }
  if (RetryError.isInstance(error)) return toLlmError(error.lastError, context);

  if (APICallError.isInstance(error)) return fromApiCallError(error, name);

  if (LoadAPIKeyError.isInstance(error)) {
    return new LlmError('not_configured', `${name}: ${error.message}`, { cause: error });
  }
  if (
    NoObjectGeneratedError.isInstance(error) ||
    NoOutputGeneratedError.isInstance(error) ||
    NoContentGeneratedError.isInstance(error) ||
    InvalidResponseDataError.isInstance(error) ||
    JSONParseError.isInstance(error) ||
    TypeValidationError.isInstance(error) ||
    EmptyResponseBodyError.isInstance(error)
  ) {
    return new LlmError('invalid_response', `${name} returned an unusable response: ${error.message}`, {
      cause: error,
    });
  }
  // Unknown errors are bugs or surprises, not transient conditions: do not retry them blindly.
  const message = error instanceof Error ? error.message : String(error);
  return new LlmError('server_error', `${name} failed unexpectedly: ${message}`, { cause: error, isRetryable: false });
}

function fromApiCallError(error: APICallError, name: string): LlmError {
  const status = error.statusCode;
  if (status === undefined) {
    // No HTTP answer at all: connection refused or reset. The SDK marks these retryable.
    return new LlmError('server_error', `${name}: ${error.message} (${error.url})`, {
      cause: error,
      isRetryable: error.isRetryable,
    });
  }
  const code = codeForStatus(status);
  const retryAfterMs = retryAfterFromHeaders(error.responseHeaders);
  // OpenAI answers 429 `insufficient_quota` when billing is exhausted: waiting will not help.
  const isQuotaExhausted = status === 429 && (error.responseBody ?? '').includes('insufficient_quota');
  const hint = hintForStatus(status);
  return new LlmError(code, `${name} answered HTTP ${status}: ${error.message}${hint}`, {
    cause: error,
    status,
    ...(retryAfterMs !== undefined && { retryAfterMs }),
    ...(isQuotaExhausted && { isRetryable: false }),
  });
}

function codeForStatus(status: number): LlmErrorCode {
  if (status === 401 || status === 403) return 'authentication';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status === 409 || status >= 500) return 'server_error';
  return 'bad_request';
}

function hintForStatus(status: number): string {
  if (status === 401 || status === 403) return ' (check the API key)';
  if (status === 404) return ' (check the model name and the base URL)';
  return '';
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
