/**
 * The LLM provider spec: what agents call to get text or a structured object from a model.
 * Implementations live in `src/providers/llm/`; this file holds only types and the error.
 */
import { ProviderError } from '../../domain/provider-error.ts';

/** One model call: a system message, a user message and, optionally, the shape of the reply. */
export interface LlmRequest {
  /** Instructions that frame the task; sent as the system message. */
  system: string;
  /** The task itself; sent as the user message. */
  prompt: string;
  /**
   * JSON Schema of the reply object. When set, the call asks for structured output and
   * `LlmResponse.object` holds the parsed value, validated against this schema.
   */
  jsonSchema?: object;
  /**
   * Schema the reply is checked against, when looser than `jsonSchema`: callers that parse the
   * reply themselves (agents, whose format parsers accept "$9.81B" for money) pass an envelope
   * here so a near-miss reaches their parser and its repair prompt. Defaults to `jsonSchema`.
   */
  validationSchema?: object;
  /** Name of the reply schema; some providers show it to the model. Defaults to `response`. */
  schemaName?: string;
  /** Sampling temperature; the provider's default when omitted. */
  temperature?: number;
  /** Upper bound on generated tokens; the provider's default when omitted. */
  maxOutputTokens?: number;
}

/** Tokens counted by the provider for one call (zero when the provider reports none). */
export interface LlmUsage {
  /** Tokens in the prompt (system + user message + schema). */
  inputTokens: number;
  /** Tokens the model generated. */
  outputTokens: number;
  /** Input plus output tokens, as the provider reports it. */
  totalTokens: number;
}

/** What a model call returned. */
export interface LlmResponse {
  /** The model's text as it came; for structured output, the text the object was parsed from. */
  text: string;
  /** The parsed reply when the request had a `jsonSchema`; valid against that schema. */
  object?: unknown;
  /** Usage of the call that produced this response; kept as-is when served from the cache. */
  usage: LlmUsage;
  /** Which provider answered, e.g. `openai`, `anthropic`, `openai-compatible`. */
  providerId: string;
  /** Which model answered, e.g. `gpt-4o-mini`. */
  modelId: string;
  /** True when the response came from the response cache, not from the model. */
  cached: boolean;
}

/** Per-call options that are not part of the request (and so not part of its cache key). */
export interface LlmGenerateOptions {
  /** Aborts the call, including any wait for a slot, a rate-limit budget or a retry. */
  signal?: AbortSignal;
  /** Skip reading the response cache; the fresh response is still written to it. */
  bypassCache?: boolean;
}

/** A model behind one provider. Limits, retries and caching are decorators around it. */
export interface LlmProvider {
  /** Stable id of the provider, e.g. `openai`. */
  readonly providerId: string;
  /** Model this provider calls, e.g. `gpt-4o-mini`. */
  readonly modelId: string;
  /** Calls the model. Rejects only with `LlmError`. */
  generate(request: LlmRequest, options?: LlmGenerateOptions): Promise<LlmResponse>;
}

/** Stable reasons an LLM call fails; callers branch on these, never on messages. */
export type LlmErrorCode = 'not_configured' | 'rate_limited' | 'timeout' | 'server_error' | 'authentication' | 'bad_request' | 'invalid_response' | 'aborted';

const RETRYABLE_CODES: ReadonlySet<LlmErrorCode> = new Set(['rate_limited', 'timeout', 'server_error']);

/** Details of an `LlmError` beyond its code and message. */
export interface LlmErrorOptions {
  /** Defaults to true for `rate_limited`, `timeout` and `server_error`, false otherwise. */
  isRetryable?: boolean;
  /** HTTP status the provider answered with, when there was one. */
  status?: number;
  /** How long the provider asked us to wait (from `Retry-After`), in milliseconds. */
  retryAfterMs?: number;
  /** The error this one was made from. */
  cause?: unknown;
}

/** The only error an `LlmProvider` rejects with. Its message carries the provider's own message. */
export class LlmError extends ProviderError<LlmErrorCode> {
  constructor(code: LlmErrorCode, message: string, options: LlmErrorOptions = {}) {
    super(code, message, { ...options, isRetryable: options.isRetryable ?? RETRYABLE_CODES.has(code) });
    this.name = 'LlmError';
  }
}

/**
 * Where responses are kept between identical calls. The in-memory LRU lives in
 * `src/providers/llm/memory-response-cache.ts`; a database-backed one implements the same interface.
 */
export interface ResponseCache {
  /** The stored response, or undefined when absent or expired. */
  get(key: string): Promise<LlmResponse | undefined>;
  /** Stores a response for `ttlMs` milliseconds, replacing any previous value. */
  set(key: string, value: LlmResponse, ttlMs: number): Promise<void>;
}
