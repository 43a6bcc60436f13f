import { SearchError } from '../spec/search.ts';
import { htmlToPlainText, truncateText } from './html-text.ts';
import { describeEndpoint } from './search-endpoint.ts';
import { createSearchHttpError, redact } from './search-http-error.ts';
import type { FailedSearchResponse, FailureInterpretation, SearchProviderDescription } from './search-http-error.ts';

/** One call to a search API. */
export interface SearchHttpRequest {
  /** The adapter making the call, for messages. */
  provider: SearchProviderDescription;
  /** Full endpoint; credentials in it (`https://user:pass@host`) are sent as HTTP Basic auth. */
  url: URL;
  /** HTTP method. */
  method: 'GET' | 'POST';
  /** Extra headers, typically the API key header. */
  headers?: Record<string, string>;
  /** Sent as JSON when present. */
  jsonBody?: unknown;
  /** Abort the call after this long; reported as a retryable `timeout`. */
  timeoutMs: number;
  /** The caller's signal; its abort rejects with the signal's reason, unchanged. */
  signal: AbortSignal | undefined;
  /** Provider-specific reading of a failed answer (Brave's 422 for a bad token…). */
  interpretFailure?: (response: FailedSearchResponse) => FailureInterpretation | undefined;
  /** Wait to report for a 429 without `Retry-After`. */
  retryAfterFromHeaders?: (headers: Headers) => number | undefined;
}

/**
 * Sends the request with the global fetch and returns the parsed JSON body. Every failure
 * becomes a {@link SearchError}, except the caller's own abort.
 */
export async function requestSearchJson(request: SearchHttpRequest): Promise<unknown> {
  const { url, headers } = moveCredentialsToHeader(request.url, request.headers ?? {});
  const timeoutSignal = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal === undefined ? timeoutSignal : AbortSignal.any([request.signal, timeoutSignal]);
  let status: number;
  let responseHeaders: Headers;
  let bodyText: string;
  try {
    const response = await fetch(url, {
      method: request.method,
      headers: {
        accept: 'application/json',
        ...(request.jsonBody === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(request.jsonBody === undefined ? {} : { body: JSON.stringify(request.jsonBody) }),
      signal,
    });
    status = response.status;
    responseHeaders = response.headers;
    // The body is read under the same signal, so a provider that stalls mid-body still times out.
    bodyText = await response.text();
  } catch (error) {
    throw transportError(request, url, timeoutSignal, error);
  }
  if (status < 200 || status > 299) {
    const failed: FailedSearchResponse = { status, headers: responseHeaders, bodyText, url };
    throw createSearchHttpError(request.provider, failed, request.interpretFailure?.(failed), request.retryAfterFromHeaders?.(responseHeaders));
  }
  return parseJsonBody(request.provider, url, bodyText);
}

/** fetch refuses URLs with credentials; SearXNG behind a proxy with Basic auth needs them. */
function moveCredentialsToHeader(original: URL, headers: Record<string, string>): { url: URL; headers: Record<string, string> } {
  if (original.username === '' && original.password === '') return { url: original, headers };
  const url = new URL(original.href);
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  url.username = '';
  url.password = '';
  return { url, headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}`, ...headers } };
}

function transportError(request: SearchHttpRequest, url: URL, timeoutSignal: AbortSignal, error: unknown): unknown {
  // The caller's abort is not a provider failure: pass its reason through untouched.
  if (request.signal?.aborted) return request.signal.reason;
  const { provider } = request;
  if (timeoutSignal.aborted) {
    return new SearchError({
      code: 'timeout',
      providerId: provider.providerId,
      message: `${provider.label} did not answer within ${request.timeoutMs} ms (${describeEndpoint(url)}); the call can be retried.`,
      cause: error,
    });
  }
  return new SearchError({
    code: 'server_error',
    providerId: provider.providerId,
    message: redact(
      `Could not reach ${provider.label} at ${describeEndpoint(url)} (${describeTransportFailure(error)}). ` +
        'Check that the service is up and that the configured URL is right; the call can be retried.',
      provider.secrets,
    ),
    cause: error,
  });
}

/** undici reports "fetch failed" and hides the useful part (ECONNREFUSED…) in `cause`. */
function describeTransportFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${cause.message}` : cause.message;
  }
  return error.message;
}

function parseJsonBody(provider: SearchProviderDescription, url: URL, bodyText: string): unknown {
  try {
    return JSON.parse(bodyText);
  } catch (error) {
    const preview = truncateText(htmlToPlainText(bodyText), 120);
    throw new SearchError({
      code: 'invalid_response',
      providerId: provider.providerId,
      message: redact(
        `${provider.label} answered with a body that is not JSON${preview === '' ? ' (empty)' : ` ("${preview}")`}. ` +
          `Check that ${describeEndpoint(url)} is the ${provider.label} API.`,
        provider.secrets,
      ),
      cause: error,
    });
  }
}
