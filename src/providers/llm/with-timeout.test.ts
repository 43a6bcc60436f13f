import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAiCompatibleServer } from '../../../test/fixtures/openai-compatible-server/index.ts';
import type { OpenAiCompatibleServer } from '../../../test/fixtures/openai-compatible-server/index.ts';
import { createAiSdkLlmProvider } from './ai-sdk-llm-provider.ts';
import { createLanguageModel } from './create-language-model.ts';
import { withTimeout } from './with-timeout.ts';

let server: OpenAiCompatibleServer;
beforeAll(async () => {
  server = await startOpenAiCompatibleServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const request = { system: 's', prompt: 'p' };
const provider = () =>
  createAiSdkLlmProvider({
    providerId: 'openai-compatible',
    languageModel: createLanguageModel({ kind: 'openai-compatible', model: 'test-model', baseUrl: server.baseUrl }),
  });

describe('withTimeout', () => {
  it('aborts a hung call with a retryable timeout error and closes the request', async () => {
    server.enqueueFailure({ hang: true });
    // 1 s, not less: the request must reach the stand-in before the timeout fires for the test to
    // see it closed (under a loaded machine, 100 ms sometimes elapsed before it was even sent).
    const failure = withTimeout(provider(), 1_000).generate(request);
    await expect(failure).rejects.toMatchObject({ code: 'timeout', isRetryable: true });
    await expect(failure).rejects.toThrow('openai-compatible (model test-model) did not answer within 1000 ms');
    // The server notices the closed socket a moment later; under load that can take more than poll's default second.
    await expect.poll(() => server.calls[0]?.clientAborted, { timeout: 10_000 }).toBe(true);
    expect(server.inFlight).toBe(0);
  });

  it('reports a caller abort as aborted, not as a timeout', async () => {
    server.enqueueFailure({ hang: true });
    const controller = new AbortController();
    const pending = withTimeout(provider(), 10_000).generate(request, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
  });

  it('lets a call that answers in time through, and is off for 0', async () => {
    server.setHandler(() => ({ content: 'in time', delayMs: 20 }));
    expect((await withTimeout(provider(), 5_000).generate(request)).text).toBe('in time');
    const unwrapped = provider();
    expect(withTimeout(unwrapped, 0)).toBe(unwrapped);
  });
});
