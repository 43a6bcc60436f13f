/** What every failed provider call carries beside its code and message. */
export interface ProviderErrorOptions {
  /** Whether the same call may succeed if tried again later. */
  isRetryable: boolean;
  /** HTTP status the provider answered with, when it answered. */
  status?: number | undefined;
  /** How long the provider asked us to wait before the next call (from `Retry-After`), in ms. */
  retryAfterMs?: number | undefined;
  /** The error this one was made from. */
  cause?: unknown;
}

/**
 * A failed call to an outside service: a model (`LlmError`), a search API (`SearchError`) or a
 * web page (`FetchError`) extend it. The engine decides from these fields alone whether a cell
 * is retried and when (`engine/retry-decision.ts`), so nothing reads them by duck typing.
 * Not an `AppError`: `status` is the provider's answer, never a status of Fathom's own API.
 */
export abstract class ProviderError<Code extends string = string> extends Error {
  /** Stable reason; each provider family has its own set. */
  readonly code: Code;
  /** HTTP status the provider answered with, when it answered. */
  readonly status: number | undefined;
  /** Whether the same call may succeed if tried again later (after `retryAfterMs` when set). */
  readonly isRetryable: boolean;
  /** How long the provider asked us to wait before the next call, in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(code: Code, message: string, options: ProviderErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.isRetryable = options.isRetryable;
    this.retryAfterMs = options.retryAfterMs;
  }
}
