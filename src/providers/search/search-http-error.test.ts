import { describe, expect, it } from 'vitest';
import { createSearchHttpError, extractProviderMessage, redact } from './search-http-error.ts';
import type { SearchProviderDescription } from './search-http-error.ts';

const provider: SearchProviderDescription = {
  providerId: 'example',
  label: 'Example Search',
  credentialAdvice: 'Set FATHOM_SEARCH_API_KEY to a valid key.',
  secrets: ['secret-key-123'],
};

function failure(status: number, bodyText = '', headers: Record<string, string> = {}) {
  return { status, bodyText, headers: new Headers(headers), url: new URL('https://api.example/v1/search?q=x') };
}

describe('extractProviderMessage', () => {
  it.each([
    ['Brave', '{"type":"ErrorResponse","error":{"code":"RATE_LIMITED","detail":"Too fast."}}', 'RATE_LIMITED: Too fast.'],
    ['Tavily', '{"detail":{"error":"Unauthorized: missing or invalid API key."}}', 'Unauthorized: missing or invalid API key.'],
    ['FastAPI', '{"detail":"Not Found"}', 'Not Found'],
    ['Serper', '{"message":"Unauthorized.","statusCode":403}', 'Unauthorized.'],
    ['Exa', '{"requestId":"r","error":"Invalid API key","tag":"INVALID_API_KEY"}', 'INVALID_API_KEY: Invalid API key'],
    ['HTML', '<html><body><h1>502 Bad Gateway</h1></body></html>', '502 Bad Gateway'],
  ])('reads the %s envelope', (_name, body, expected) => {
    expect(extractProviderMessage(body)).toBe(expected);
  });

  it('returns undefined for an empty body', () => {
    expect(extractProviderMessage('   ')).toBeUndefined();
  });
});

describe('createSearchHttpError', () => {
  it.each([
    [401, 'authentication', false],
    [403, 'authentication', false],
    [400, 'bad_request', false],
    [404, 'bad_request', false],
    [408, 'timeout', true],
    [429, 'rate_limited', true],
    [500, 'server_error', true],
    [503, 'server_error', true],
  ] as const)('maps HTTP %i to %s (retryable: %s)', (status, code, isRetryable) => {
    const error = createSearchHttpError(provider, failure(status), undefined, undefined);
    expect(error.code).toBe(code);
    expect(error.isRetryable).toBe(isRetryable);
    expect(error.status).toBe(status);
    expect(error.providerId).toBe('example');
  });

  it('names the endpoint without its query string on a 404', () => {
    const error = createSearchHttpError(provider, failure(404), undefined, undefined);
    expect(error.message).toContain('https://api.example/v1/search;');
  });

  it('uses the fallback wait only when Retry-After is absent', () => {
    expect(createSearchHttpError(provider, failure(429), undefined, 4_000).retryAfterMs).toBe(4_000);
    expect(createSearchHttpError(provider, failure(429, '', { 'retry-after': '1' }), undefined, 4_000).retryAfterMs).toBe(1_000);
    expect(createSearchHttpError(provider, failure(500, '', { 'retry-after': '1' }), undefined, undefined).retryAfterMs).toBeUndefined();
  });

  it('lets the adapter replace the code, retryability and advice', () => {
    const error = createSearchHttpError(provider, failure(432), { code: 'rate_limited', isRetryable: false, advice: 'Raise the plan.' }, undefined);
    expect(error).toMatchObject({ code: 'rate_limited', isRetryable: false });
    expect(error.message).toBe('Example Search answered HTTP 432. Raise the plan.');
  });

  it('never repeats the API key, even when the provider echoes it', () => {
    const error = createSearchHttpError(provider, failure(401, '{"message":"key secret-key-123 is invalid"}'), undefined, undefined);
    expect(error.message).toBe('Example Search answered HTTP 401 (key [redacted] is invalid). Set FATHOM_SEARCH_API_KEY to a valid key.');
  });
});

describe('redact', () => {
  it('ignores secrets too short to be keys, which would mangle ordinary words', () => {
    expect(redact('an abc', ['abc'])).toBe('an abc');
  });
});
