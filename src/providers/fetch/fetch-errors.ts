import { parseRetryAfter } from '../../domain/retry-after.ts';
import { FetchError } from '../spec/fetcher.ts';
import { BlockedDestinationError } from './destination-guard.ts';

/** The timeouts a failure message may quote. */
export interface TimeoutSettings {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

const TLS_ERROR_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/**
 * Turns whatever a request threw into a `FetchError` for `url`. `redirectedFrom` names the page
 * whose redirect led here, so a refused hop says which redirect was refused.
 */
export function toFetchError(error: unknown, url: string, timeouts: TimeoutSettings, redirectedFrom?: string): FetchError {
  if (error instanceof FetchError) return error;
  if (error instanceof BlockedDestinationError) return blockedDestinationError(url, error, redirectedFrom);
  const code = errorCode(error);
  const host = hostOf(url);
  const timeout = (message: string): FetchError => new FetchError({ code: 'timeout', url, message, cause: error });
  const network = (message: string, isRetryable: boolean): FetchError => new FetchError({ code: 'network_error', url, message, isRetryable, cause: error });

  if (code === 'UND_ERR_CONNECT_TIMEOUT')
    return timeout(`${host} did not accept a connection within ${seconds(timeouts.connectTimeoutMs)}; the site may be down, try again later`);
  if (code === 'UND_ERR_HEADERS_TIMEOUT')
    return timeout(`${url} did not send response headers within ${seconds(timeouts.headersTimeoutMs)}; the site may be overloaded, try again later`);
  if (code === 'UND_ERR_BODY_TIMEOUT') return timeout(`${url} stopped sending its body for ${seconds(timeouts.bodyTimeoutMs)}; try again later`);
  if (code === 'ENOTFOUND' || code === 'ENODATA') return network(`could not resolve ${host}: the name does not exist; check the domain`, false);
  if (code && TLS_ERROR_CODES.has(code))
    return network(`the TLS certificate of ${host} is not valid (${code}); the site must fix it before it can be read`, false);
  if (code === 'UND_ERR_HEADERS_OVERFLOW' || code?.startsWith('HPE_')) return network(`${url} sent a malformed HTTP response (${code})`, false);
  if (code?.startsWith('Z_')) return network(`${url} sent a compressed body that could not be decompressed (${code})`, false);
  if (code && RETRYABLE_NETWORK_CODES.has(code)) return network(`could not read ${url}: ${describeCode(code)}; try again later`, true);
  const detail = error instanceof Error ? error.message : String(error);
  const proxyStatus = /Proxy response \((\d+)\)/.exec(detail)?.[1];
  if (proxyStatus) {
    const status = Number(proxyStatus);
    return network(`the proxy refused to connect to ${host} (status ${status}); check the proxy's rules for this site`, status === 429 || status >= 500);
  }
  return network(`could not read ${url}: ${detail}`, true);
}

/** The refusal of a destination, phrased for the page or the redirect hop that led to it. */
export function blockedDestinationError(url: string, blocked: BlockedDestinationError, redirectedFrom?: string): FetchError {
  const action = redirectedFrom ? `follow the redirect from ${redirectedFrom} to ${url}` : `fetch ${url}`;
  return new FetchError({ code: 'blocked_address', url, message: `refused to ${action}: ${blocked.message}`, cause: blocked });
}

/** A final response that was not 2xx. Retry-After is honoured for 429 and 503. */
export function httpStatusError(url: string, status: number, statusText: string, retryAfter: string | undefined, now: Date): FetchError {
  const isRetryable = status === 408 || status === 425 || status === 429 || status >= 500;
  const retryAfterMs = parseRetryAfter(retryAfter, now.getTime());
  const advice =
    status === 404 || status === 410
      ? 'the page does not exist; check the URL'
      : status === 401 || status === 403
        ? 'the site refuses automated access to this page'
        : status === 429
          ? `the site is rate-limiting us; try again ${retryAfterMs === undefined ? 'later' : `in ${seconds(retryAfterMs)}`}`
          : isRetryable
            ? 'the site is failing; try again later'
            : 'the site refused the request';
  const label = statusText ? `${status} ${statusText}` : String(status);
  return new FetchError({ code: 'http_error', url, status, isRetryable, retryAfterMs, message: `${url} answered ${label}: ${advice}` });
}

/** A body over the size cap. */
export function tooLargeError(url: string, maxBytes: number): FetchError {
  return new FetchError({
    code: 'too_large',
    url,
    message: `${url} is larger than the ${formatBytes(maxBytes)} page limit; it was not read (raise maxBytes to allow bigger pages)`,
  });
}

/** Content the fetcher will not hand to a model. */
export function unsupportedContentError(url: string, description: string): FetchError {
  return new FetchError({
    code: 'unsupported_content_type',
    url,
    message: `${url} is ${description}; only HTML, plain text and JSON pages can be read`,
  });
}

/** A URL the fetcher cannot or will not request. */
export function invalidUrlError(url: string, reason: string): FetchError {
  return new FetchError({ code: 'invalid_url', url, message: `cannot fetch ${url}: ${reason}` });
}

/** The overall deadline of one `fetchPage` call passed. */
export function deadlineError(url: string, totalTimeoutMs: number): FetchError {
  return new FetchError({ code: 'timeout', url, message: `${url} could not be fetched within ${seconds(totalTimeoutMs)}; try again later` });
}

/** Formats a byte count as "512 KiB" or "5 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}

function seconds(milliseconds: number): string {
  return `${Number((milliseconds / 1000).toFixed(3))} s`;
}

// undici sometimes wraps the socket error it saw; the first code on the chain is the useful one.
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR') return code;
    current = current.cause;
  }
  return undefined;
}

function describeCode(code: string): string {
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was reset';
  if (code === 'EAI_AGAIN') return 'DNS did not answer';
  return code;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    // Only parsed URLs reach here; echoing the text beats failing while reporting a failure.
    return url;
  }
}
