import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAiCompatibleServer } from '../../../test/fixtures/openai-compatible-server/index.ts';
import type { OpenAiCompatibleServer } from '../../../test/fixtures/openai-compatible-server/index.ts';
import { LlmError } from '../spec/llm.ts';
import type { LlmProvider } from '../spec/llm.ts';
import { createAiSdkLlmProvider } from './ai-sdk-llm-provider.ts';
import { createLanguageModel } from './create-language-model.ts';
import { toLlmError } from './to-llm-error.ts';

let server: OpenAiCompatibleServer;
beforeAll(async () => {
  server = await startOpenAiCompatibleServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function providerFor(baseUrl: string, kind: 'openai' | 'openai-compatible' = 'openai-compatible'): LlmProvider {
  return createAiSdkLlmProvider({
    providerId: kind,
    languageModel: createLanguageModel({ kind, model: 'test-model', baseUrl, apiKey: 'wrong-key' }),
  });
}

async function failureOf(promise: Promise<unknown>): Promise<LlmError> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(LlmError);
  return error as LlmError;
}

const request = { system: 's', prompt: 'p' };

describe('toLlmError on HTTP failures from the server', () => {
  it('maps 401 to a permanent authentication error carrying the provider message', async () => {
    const guarded = await startOpenAiCompatibleServer({ apiKey: 'right-key' });
    try {
      for (const kind of ['openai-compatible', 'openai'] as const) {
        const error = await failureOf(providerFor(guarded.baseUrl, kind).generate(request));
        expect(error).toMatchObject({ code: 'authentication', status: 401, isRetryable: false });
        expect(error.message).toContain('Incorrect API key provided');
        expect(error.message).toContain(`${kind} (model test-model) answered HTTP 401`);
      }
    } finally {
      await guarded.close();
    }
  });

  it('maps 429 to rate_limited with the Retry-After wait', async () => {
    server.enqueueFailure({ status: 429, retryAfter: 3 });
    const error = await failureOf(providerFor(server.baseUrl).generate(request));
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 3_000, isRetryable: true });
    expect(error.message).toContain('Rate limit reached');
  });

  it('treats an exhausted quota (429 insufficient_quota) as permanent', async () => {
    const body = { error: { message: 'You exceeded your current quota.', type: 'insufficient_quota', code: 'insufficient_quota' } };
    server.enqueueFailure({ status: 429, body });
    const error = await failureOf(providerFor(server.baseUrl).generate(request));
    expect(error).toMatchObject({ code: 'rate_limited', isRetryable: false });
    expect(error.message).toContain('You exceeded your current quota.');
  });

  it.each([
    [500, 'server_error', true],
    [503, 'server_error', true],
    [408, 'timeout', true],
    [400, 'bad_request', false],
    [404, 'bad_request', false],
    [422, 'bad_request', false],
    [403, 'authentication', false],
  ] as const)('maps HTTP %i to %s (retryable: %s)', async (status, code, isRetryable) => {
    server.enqueueFailure({ status });
    const error = await failureOf(providerFor(server.baseUrl).generate(request));
    expect(error).toMatchObject({ code, status, isRetryable });
  });

  it('adds a hint to a 404', async () => {
    server.enqueueFailure({ status: 404 });
    const error = await failureOf(providerFor(server.baseUrl).generate(request));
    expect(error.message).toContain('check the model name and the base URL');
  });
});

describe('toLlmError without an HTTP answer', () => {
  it('maps a refused connection to a retryable server_error', async () => {
    const closed = await startOpenAiCompatibleServer();
    await closed.close();
    const error = await failureOf(providerFor(closed.baseUrl).generate(request));
    expect(error).toMatchObject({ code: 'server_error', isRetryable: true });
    expect(error.message).toContain('Cannot connect to API');
  });

  it('maps a call aborted by the caller to aborted', async () => {
    server.setHandler(() => ({ content: 'late', delayMs: 5_000 }));
    const controller = new AbortController();
    const pending = providerFor(server.baseUrl).generate(request, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await failureOf(pending);
    expect(error).toMatchObject({ code: 'aborted', isRetryable: false });
  });

  it('passes an LlmError through and does not retry unknown errors', () => {
    const original = new LlmError('timeout', 'slow');
    expect(toLlmError(original, { providerId: 'p', modelId: 'm' })).toBe(original);
    const unknown = toLlmError(new TypeError('x is not a function'), { providerId: 'p', modelId: 'm' });
    expect(unknown).toMatchObject({ code: 'server_error', isRetryable: false });
    expect(unknown.message).toBe('p (model m) failed unexpectedly: x is not a function');
  });
});
