import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAiCompatibleServer } from '../../../test/fixtures/openai-compatible-server/index.ts';
import type { OpenAiCompatibleServer } from '../../../test/fixtures/openai-compatible-server/index.ts';
import { createAiSdkLlmProvider } from './ai-sdk-llm-provider.ts';
import { createLanguageModel } from './create-language-model.ts';
import { createMockLlmProvider } from './mock-llm-provider.ts';
import { withConcurrencyLimit } from './with-concurrency-limit.ts';

let server: OpenAiCompatibleServer;
beforeAll(async () => {
  server = await startOpenAiCompatibleServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe('withConcurrencyLimit', () => {
  it('never has more calls in flight at the server than the limit', async () => {
    server.setHandler((request) => ({ content: `reply to ${request.prompt}`, delayMs: 80 }));
    const provider = withConcurrencyLimit(
      createAiSdkLlmProvider({
        providerId: 'openai-compatible',
        languageModel: createLanguageModel({ kind: 'openai-compatible', model: 'test-model', baseUrl: server.baseUrl }),
      }),
      3,
    );
    const prompts = Array.from({ length: 10 }, (_, index) => `question ${index}`);
    const responses = await Promise.all(prompts.map((prompt) => provider.generate({ system: 's', prompt })));

    expect(responses.map((response) => response.text)).toEqual(prompts.map((prompt) => `reply to ${prompt}`));
    expect(server.calls).toHaveLength(10);
    expect(server.maxInFlight).toBe(3);
  });

  it('starts queued calls in arrival order', async () => {
    const started: string[] = [];
    const inner = createMockLlmProvider(async (request) => {
      started.push(request.prompt);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { text: request.prompt };
    });
    const provider = withConcurrencyLimit(inner, 1);
    await Promise.all(['a', 'b', 'c', 'd'].map((prompt) => provider.generate({ system: 's', prompt })));
    expect(started).toEqual(['a', 'b', 'c', 'd']);
  });

  it('drops a call aborted while queued without ever sending it', async () => {
    let finishFirst: () => void = () => {};
    const inner = createMockLlmProvider(async (request) => {
      if (request.prompt === 'first') await new Promise<void>((resolve) => (finishFirst = resolve));
      return { text: request.prompt };
    });
    const provider = withConcurrencyLimit(inner, 1);
    const first = provider.generate({ system: 's', prompt: 'first' });
    const controller = new AbortController();
    const queued = provider.generate({ system: 's', prompt: 'queued' }, { signal: controller.signal });
    controller.abort();
    await expect(queued).rejects.toMatchObject({ code: 'aborted' });
    finishFirst();
    await first;
    expect(inner.calls.map((call) => call.request.prompt)).toEqual(['first']);
  });
});
