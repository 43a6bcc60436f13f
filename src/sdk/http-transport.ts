import type { ValidationIssue } from './api-types.ts';
import { FathomApiError, FathomNetworkError } from './fathom-errors.ts';
import { retryAfterMs, retryDelayMs } from './retry-delay.ts';
import { abortableSleep } from './abortable-sleep.ts';

/** A query parameter value; arrays repeat the key (`tags=a&tags=b`), undefined is left out. */
export type QueryValue = string | number | boolean | string[] | undefined | null;

/** One HTTP call to the API. */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path below the base URL, e.g. `/v1/tables`. */
  path: string;
  query?: Record<string, QueryValue>;
  /** Sent as JSON when defined. */
  body?: unknown;
  /** Cancels the request (and its retries) when aborted. */
  signal?: AbortSignal;
}

/** Per-call options of the endpoint methods that read (a grid cancels pages scrolled past). */
export interface CallOptions {
  signal?: AbortSignal;
}

/** A successful answer, parsed. */
export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TransportOptions {
  /** e.g. http://127.0.0.1:8000 (no trailing /v1). */
  baseUrl: string;
  /** Bearer token; healthcheck works without one. */
  token?: string;
  /** Each attempt is abandoned after this long. */
  timeoutMs: number;
  /** Retries after the first attempt, for 5xx answers and network failures. */
  maxRetries: number;
  /** Delay of the first retry before jitter; later ones double. */
  retryBaseDelayMs: number;
  fetch: typeof fetch;
}

const MAX_RETRY_DELAY_MS = 30_000;

/** Sends requests with a per-attempt timeout, retries what can be retried, and turns failures into typed errors. */
export interface Transport {
  request<T>(request: ApiRequest): Promise<ApiResponse<T>>;
}

/** The one place HTTP happens; the endpoint groups build `ApiRequest`s and call it. */
export function createTransport(options: TransportOptions): Transport {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  return {
    async request<T>(request: ApiRequest): Promise<ApiResponse<T>> {
      const url = `${baseUrl}${request.path}${queryString(request.query)}`;
      // Serialised once: a 1,000-row batch is not re-stringified for every retry.
      const body = request.body === undefined ? undefined : JSON.stringify(request.body);
      for (let attempt = 0; ; attempt++) {
        const outcome = await attemptOnce(options, url, request, body);
        if (outcome.kind === 'answered') return outcome.response as ApiResponse<T>;
        const isLastAttempt = attempt >= options.maxRetries;
        if (isLastAttempt || !outcome.isRetryable) throw outcome.error;
        const delay = outcome.retryAfterMs ?? retryDelayMs(attempt + 1, { baseDelayMs: options.retryBaseDelayMs, maxDelayMs: MAX_RETRY_DELAY_MS });
        await abortableSleep(Math.min(delay, MAX_RETRY_DELAY_MS), request.signal);
      }
    },
  };
}

type AttemptOutcome = { kind: 'answered'; response: ApiResponse<unknown> } | { kind: 'failed'; error: Error; isRetryable: boolean; retryAfterMs?: number };

async function attemptOnce(options: TransportOptions, url: string, request: ApiRequest, body: string | undefined): Promise<AttemptOutcome> {
  request.signal?.throwIfAborted();
  const controller = new AbortController();
  let isTimedOut = false;
  const timer = setTimeout(() => {
    isTimedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const onCallerAbort = () => controller.abort(request.signal?.reason);
  request.signal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    const response = await options.fetch(url, {
      method: request.method,
      headers: headersFor(options.token, body !== undefined),
      body,
      signal: controller.signal,
    });
    // The body is read under the same timeout: a server that sends headers and then stalls is still too slow.
    const answer = parseBody(await response.text());
    if (response.ok) return { kind: 'answered', response: { status: response.status, headers: response.headers, body: answer } };
    const error = apiErrorFrom(response.status, answer, request);
    return { kind: 'failed', error, isRetryable: error.isRetryable, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) };
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason;
    const message = isTimedOut
      ? `${request.method} ${url} timed out after ${options.timeoutMs} ms`
      : `could not reach ${url}: ${describeNetworkFailure(error)}`;
    const isRetryable = request.method === 'GET' || (!isTimedOut && wasNeverSent(error));
    return {
      kind: 'failed',
      error: new FathomNetworkError({
        message,
        isTimeout: isTimedOut,
        method: request.method,
        path: request.path,
        url,
        ...(isTimedOut ? { timeoutMs: options.timeoutMs } : {}),
        cause: error,
      }),
      isRetryable,
    };
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onCallerAbort);
  }
}

function headersFor(token: string | undefined, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (hasBody) headers['content-type'] = 'application/json';
  return headers;
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) parameters.append(name, String(item));
  }
  const text = parameters.toString();
  return text === '' ? '' : `?${text}`;
}

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    // A proxy's HTML error page, say: keep the text so the error can show it.
    return text;
  }
}

/** The server's two error shapes: 422 `{detail: [{loc, msg, type}]}`, others `{detail, code}`. */
function apiErrorFrom(status: number, body: unknown, request: ApiRequest): FathomApiError {
  const detail = (body as { detail?: unknown } | null)?.detail;
  const base = { status, method: request.method, path: request.path, body };
  if (Array.isArray(detail)) {
    const issues = detail as ValidationIssue[];
    return new FathomApiError({ ...base, detail: issues.map(formatIssue).join('; '), code: 'validation_error', issues });
  }
  if (typeof detail === 'string') return new FathomApiError({ ...base, detail, code: (body as { code?: string }).code });
  if (detail && typeof detail === 'object') {
    // Billing errors of the hosted API: {"detail": {"error": "plan_required", ...}}.
    const code = (detail as { error?: unknown }).error;
    return new FathomApiError({ ...base, detail: JSON.stringify(detail), code: typeof code === 'string' ? code : undefined });
  }
  const text = typeof body === 'string' && body !== '' ? body.slice(0, 500) : `HTTP ${status}`;
  return new FathomApiError({ ...base, detail: text });
}

/** `body.rows.3.data: Field required`. */
export function formatIssue(issue: ValidationIssue): string {
  return `${issue.loc.join('.')}: ${issue.msg}`;
}

/** Connection failures that happen before a request is sent: retrying them cannot apply a write twice. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Whether a failed write can be retried. A write that timed out, or whose connection broke
 * after it was sent (ECONNRESET), may have been applied by the server; retrying it could
 * create rows twice, so only failures to connect at all are retried for writes.
 */
function wasNeverSent(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } }).cause?.code;
  return code !== undefined && NOT_SENT_CODES.has(code);
}

function describeNetworkFailure(error: unknown): string {
  // fetch reports "fetch failed" and keeps the useful part (ECONNREFUSED, ENOTFOUND) in `cause`.
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}${cause.message && !cause.message.includes(cause.code) ? ` (${cause.message})` : ''}`;
  return cause?.message ?? (error as Error).message ?? String(error);
}
