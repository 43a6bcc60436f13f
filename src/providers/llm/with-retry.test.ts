import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAiCompatibleServer } from '../../../test/fixtures/openai-compatible-server/index.ts';
import type { OpenAiCompatibleServer } from '../../../test/fixtures/openai-compatible-server/index.ts';
import { LlmError } from '../spec/llm.ts';
import type { LlmProvider } from '../spec/llm.ts';
import { createAiSdkLlmProvider } from './ai-sdk-llm-provider.ts';
import { createLanguageModel } from './create-language-model.ts';
import { createMockLlmProvider } from './mock-llm-provider.ts';
import type { Sleep } from './sleep.ts';
import { withRetry } from './with-retry.ts';
import type { RetryOptions } from './with-retry.ts';
import { withTimeout } from './with-timeout.ts';

let server: OpenAiCompatibleServer;
beforeAll(async () => {
  server = await startOpenAiCompatibleServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

/** A sleep that records the wait and returns at once, so no test waits for real. */
function recordingSleep(): { waits: number[]; sleep: Sleep } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      waits.push(ms);
    },
  };
}

function serverProvider(): LlmProvider {
  return createAiSdkLlmProvider({
    providerId: 'openai-compatible',
    languageModel: createLanguageModel({ kind: 'openai-compatible', model: 'test-model', baseUrl: server.baseUrl }),
  });
}

// random() = 0.5 puts the equal-jitter delay at three quarters of the ceiling: 750, 1500, 3000 ms…
const retryOptions = (sleep: Sleep, overrides: Partial<RetryOptions> = {}): RetryOptions => ({
  maxRetries: 3,
  random: () => 0.5,
  sleep,
  ...overrides,
});
const request = { system: 's', prompt: 'p' };

describe('withRetry against the test server', () => {
  it('waits out a Retry-After in seconds when it is longer than the backoff', async () => {
    const { waits, sleep } = recordingSleep();
    server.enqueueFailure({ status: 429, retryAfter: 7 });
    const response = await withRetry(serverProvider(), retryOptions(sleep)).generate(request);
    expect(response.text).toBe('ok');
    expect(waits).toEqual([7_000]);
    expect(server.calls.map((call) => call.status)).toEqual([429, 200]);
  });

  it('waits out a Retry-After given as an HTTP date', async () => {
    const { waits, sleep } = recordingSleep();
    server.enqueueFailure({ status: 429, retryAfter: new Date(Date.now() + 20_000).toUTCString() });
    await withRetry(serverProvider(), retryOptions(sleep)).generate(request);
    expect(waits).toHaveLength(1);
    // HTTP dates have whole seconds: the wait is within a second (plus test time) of 20 s.
    expect(waits[0]).toBeGreaterThan(18_000);
    expect(waits[0]).toBeLessThanOrEqual(20_000);
  });

  it('keeps the computed backoff when Retry-After is shorter', async () => {
    const { waits, sleep } = recordingSleep();
    server.enqueueFailure({ status: 429, retryAfter: 0, times: 2 });
    await withRetry(serverProvider(), retryOptions(sleep)).generate(request);
    expect(waits).toEqual([750, 1_500]);
  });

  it('retries 500s with growing backoff, then succeeds', async () => {
    const { waits, sleep } = recordingSleep();
    server.enqueueFailure({ status: 500, times: 2 });
    const response = await withRetry(serverProvider(), retryOptions(sleep)).generate(request);
    expect(response.text).toBe('ok');
    expect(waits).toEqual([750, 1_500]);
    expect(server.calls.map((call) => call.status)).toEqual([500, 500, 200]);
  });

  it('retries a call that timed out', async () => {
    const { waits, sleep } = recordingSleep();
    server.enqueueFailure({ hang: true });
    const provider = withRetry(withTimeout(serverProvider(), 200), retryOptions(sleep));
    const response = await provider.generate(request);
    expect(response.text).toBe('ok');
    expect(waits).toEqual([750]);
    expect(server.calls.map((call) => call.injected ?? 'answered')).toEqual(['hang', 'answered']);
  });

  it('fails fast on 401 with the provider message, without retrying', async () => {
    const { waits, sleep } = recordingSleep();
    server.enqueueFailure({ status: 401 });
    const failure = withRetry(serverProvider(), retryOptions(sleep)).generate(request);
    await expect(failure).rejects.toMatchObject({ code: 'authentication', status: 401 });
    await expect(failure).rejects.toThrow('Incorrect API key provided.');
    expect(waits).toEqual([]);
    expect(server.calls).toHaveLength(1);
  });

  it("gives up after maxRetries with the provider's last error as it was (the engine counts attempts)", async () => {
    const { waits, sleep } = recordingSleep();
    server.enqueueFailure({ status: 503, times: 10 });
    const failure = withRetry(serverProvider(), retryOptions(sleep, { maxRetries: 2 })).generate(request);
    await expect(failure).rejects.toMatchObject({ code: 'server_error', status: 503, isRetryable: true });
    await expect(failure).rejects.toThrow(/overloaded/);
    await expect(failure).rejects.not.toThrow(/attempts/);
    expect(waits).toHaveLength(2);
    expect(server.calls).toHaveLength(3);
  });

  it('hands a Retry-After beyond maxRetryAfterMs back to the caller instead of waiting', async () => {
    const { waits, sleep } = recordingSleep();
    server.enqueueFailure({ status: 429, retryAfter: 3_600 });
    const failure = withRetry(serverProvider(), retryOptions(sleep)).generate(request);
    await expect(failure).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 3_600_000 });
    expect(waits).toEqual([]);
  });
});

describe('withRetry backoff details', () => {
  it('caps the backoff and reports each retry', async () => {
    const { waits, sleep } = recordingSleep();
    const events: number[] = [];
    const provider = createMockLlmProvider([...Array.from({ length: 5 }, () => new LlmError('server_error', 'boom')), { text: 'done' }]);
    const retried = withRetry(provider, {
      maxRetries: 5,
      baseDelayMs: 100,
      maxDelayMs: 300,
      random: () => 0.999_999,
      sleep,
      onRetry: (event) => events.push(event.retry),
    });
    expect((await retried.generate(request)).text).toBe('done');
    expect(waits).toEqual([100, 200, 300, 300, 300]);
    expect(events).toEqual([1, 2, 3, 4, 5]);
  });

  it('stops with aborted when the caller aborts during a backoff wait', async () => {
    const controller = new AbortController();
    const provider = createMockLlmProvider(new LlmError('rate_limited', 'slow down'));
    const retried = withRetry(provider, {
      maxRetries: 3,
      sleep: async (_ms, signal) => {
        controller.abort();
        if (signal?.aborted) throw signal.reason;
      },
    });
    await expect(retried.generate(request, { signal: controller.signal })).rejects.toMatchObject({ code: 'aborted' });
    expect(provider.calls).toHaveLength(1);
  });

  it('does not retry errors that are not LlmErrors', async () => {
    const provider = createMockLlmProvider(new Error('bug'));
    await expect(withRetry(provider, { maxRetries: 3 }).generate(request)).rejects.toThrow('bug');
    expect(provider.calls).toHaveLength(1);
  });
});
