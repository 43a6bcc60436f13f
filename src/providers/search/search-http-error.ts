import { retryAfterFromHeaders } from '../../domain/retry-after.ts';
import { SearchError } from '../spec/search.ts';
import type { SearchErrorCode } from '../spec/search.ts';
import { htmlToPlainText, truncateText } from './html-text.ts';
import { describeEndpoint } from './search-endpoint.ts';

/** What an adapter tells the shared HTTP code about itself, for messages. */
export interface SearchProviderDescription {
  /** Stable id, as in `SearchProvider.providerId`. */
  providerId: string;
  /** Human name used in messages, for example "Brave Search". */
  label: string;
  /** Sentence telling the operator how to fix rejected credentials. */
  credentialAdvice: string;
  /** Values never to repeat in a message (the API key). */
  secrets: readonly string[];
}

/** A non-2xx answer. */
export interface FailedSearchResponse {
  /** HTTP status. */
  status: number;
  /** Response headers. */
  headers: Headers;
  /** Raw body. */
  bodyText: string;
  /** The endpoint that answered. */
  url: URL;
}

/** A provider-specific reading of a failed answer that replaces the generic status mapping. */
export interface FailureInterpretation {
  /** Code to report. */
  code: SearchErrorCode;
  /** Overrides the code's default retryability. */
  isRetryable?: boolean;
  /** Replaces the generic advice sentence. */
  advice?: string;
}

/** Maps a failed answer to a {@link SearchError} carrying the provider's own message. */
export function createSearchHttpError(
  provider: SearchProviderDescription,
  response: FailedSearchResponse,
  interpretation: FailureInterpretation | undefined,
  fallbackRetryAfterMs: number | undefined,
): SearchError {
  const code = interpretation?.code ?? codeForStatus(response.status);
  const retryAfterMs = code === 'rate_limited' ? (retryAfterFromHeaders(response.headers) ?? fallbackRetryAfterMs) : undefined;
  const providerMessage = extractProviderMessage(response.bodyText);
  const answer = `${provider.label} answered HTTP ${response.status}${providerMessage === undefined ? '' : ` (${providerMessage})`}.`;
  const advice = interpretation?.advice ?? adviceFor(code, provider, response, retryAfterMs);
  return new SearchError({
    code,
    providerId: provider.providerId,
    message: redact(`${answer} ${advice}`, provider.secrets),
    status: response.status,
    ...(interpretation?.isRetryable === undefined ? {} : { isRetryable: interpretation.isRetryable }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

function codeForStatus(status: number): SearchErrorCode {
  if (status === 401 || status === 403) return 'authentication';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'bad_request';
}

function adviceFor(code: SearchErrorCode, provider: SearchProviderDescription, response: FailedSearchResponse, retryAfterMs: number | undefined): string {
  switch (code) {
    case 'authentication':
      return provider.credentialAdvice;
    case 'rate_limited':
      return retryAfterMs === undefined
        ? 'Rate limit reached; retry later or raise the plan limit.'
        : `Rate limit reached; retry after ${Math.ceil(retryAfterMs / 1000)} s.`;
    case 'server_error':
    case 'timeout':
      return `${provider.label} failed on its side; the call can be retried.`;
    default:
      return response.status === 404
        ? `No search API at ${describeEndpoint(response.url)}; check the URL the provider is configured with.`
        : `${provider.label} rejected the request; see its message above.`;
  }
}

/**
 * Finds the human message in the error envelopes providers use: Brave
 * `{error:{code,detail}}`, Tavily `{detail:{error}}`, Serper `{message}`, Exa `{error,tag}`;
 * falls back to the body as text.
 */
export function extractProviderMessage(bodyText: string): string | undefined {
  const message = readEnvelope(bodyText) ?? htmlToPlainText(bodyText);
  return message === '' ? undefined : truncateText(message, 300);
}

function readEnvelope(bodyText: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const { error, detail, message, tag } = record;
  if (typeof error === 'object' && error !== null) {
    const nested = error as Record<string, unknown>;
    return joinParts([nested['code'], nested['detail'] ?? nested['message']]);
  }
  if (typeof detail === 'object' && detail !== null) return joinParts([(detail as Record<string, unknown>)['error']]);
  if (typeof error === 'string') return joinParts([tag, error]);
  return joinParts([detail]) ?? joinParts([message]);
}

function joinParts(parts: unknown[]): string | undefined {
  const texts = parts.filter((part): part is string => typeof part === 'string' && part.trim() !== '');
  return texts.length === 0 ? undefined : texts.join(': ');
}

/** Replaces every secret in `text`, so a provider echoing the key cannot leak it into logs. */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((result, secret) => (secret.length >= 4 ? result.split(secret).join('[redacted]') : result), text);
}
