import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../domain/provider-error.ts';
import { FetchError } from './fetcher.ts';
import { LlmError } from './llm.ts';
import { SearchError } from './search.ts';

describe('LLM, search and fetch errors share the ProviderError base', () => {
  it('are ProviderErrors carrying code, status, isRetryable and retryAfterMs', () => {
    const errors = [
      new LlmError('rate_limited', 'llm 429', { status: 429, retryAfterMs: 1_500 }),
      new SearchError({ code: 'rate_limited', message: 'search 429', status: 429, retryAfterMs: 1_500 }),
      new FetchError({ code: 'http_error', url: 'https://a.test/', message: 'page 429', status: 429, isRetryable: true, retryAfterMs: 1_500 }),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({ code: expect.any(String), status: 429, isRetryable: true, retryAfterMs: 1_500 });
    }
    expect(errors.map((error) => error.name)).toEqual(['LlmError', 'SearchError', 'FetchError']);
  });

  it('default isRetryable from the code: transient failures yes, the rest no', () => {
    expect(['rate_limited', 'timeout', 'server_error'].map((code) => new LlmError(code as 'timeout', 'x').isRetryable)).toEqual([true, true, true]);
    expect(
      ['authentication', 'bad_request', 'invalid_response', 'aborted', 'not_configured'].some((code) => new LlmError(code as 'aborted', 'x').isRetryable),
    ).toBe(false);
    expect(new SearchError({ code: 'server_error', message: 'x' }).isRetryable).toBe(true);
    expect(new SearchError({ code: 'authentication', message: 'x' }).isRetryable).toBe(false);
    expect(new FetchError({ code: 'network_error', url: 'u', message: 'x' }).isRetryable).toBe(true);
    expect(new FetchError({ code: 'robots_disallowed', url: 'u', message: 'x' }).isRetryable).toBe(false);
    expect(new LlmError('rate_limited', 'quota', { isRetryable: false }).isRetryable).toBe(false);
  });

  it('keep the cause and leave status and retryAfterMs undefined when the provider gave none', () => {
    const cause = new Error('socket closed');
    const error = new FetchError({ code: 'network_error', url: 'u', message: 'x', cause });
    expect(error.cause).toBe(cause);
    expect(error.status).toBeUndefined();
    expect(error.retryAfterMs).toBeUndefined();
  });
});
