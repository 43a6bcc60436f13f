import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAiCompatibleServer } from '../../../test/fixtures/openai-compatible-server/index.ts';
import type { OpenAiCompatibleServer } from '../../../test/fixtures/openai-compatible-server/index.ts';
import { LlmError } from '../spec/llm.ts';
import type { LlmProvider } from '../spec/llm.ts';
import { createAiSdkLlmProvider } from './ai-sdk-llm-provider.ts';
import { createLanguageModel } from './create-language-model.ts';
import { createMemoryResponseCache } from './memory-response-cache.ts';
import { createMockLlmProvider } from './mock-llm-provider.ts';
import { withResponseCache } from './with-response-cache.ts';

let server: OpenAiCompatibleServer;
beforeAll(async () => {
  server = await startOpenAiCompatibleServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
const request = { system: 'Answer briefly.', prompt: 'What does stripe.com sell?', jsonSchema: schema };

function cachedServerProvider(ttlMs = 60_000): LlmProvider {
  const provider = createAiSdkLlmProvider({
    providerId: 'openai-compatible',
    languageModel: createLanguageModel({ kind: 'openai-compatible', model: 'test-model', baseUrl: server.baseUrl }),
  });
  return withResponseCache(provider, createMemoryResponseCache(), ttlMs);
}

describe('withResponseCache', () => {
  it('answers an identical request from the cache without calling the server, keeping usage', async () => {
    server.addRule({ whenPromptIncludes: 'stripe.com', reply: { answer: 'Payments' } });
    const provider = cachedServerProvider();
    const fresh = await provider.generate(request);
    const reordered = { required: schema.required, properties: schema.properties, type: schema.type };
    const again = await provider.generate({ ...request, jsonSchema: reordered });

    expect(fresh.cached).toBe(false);
    expect(again).toEqual({ ...fresh, cached: true });
    expect(again.usage.totalTokens).toBeGreaterThan(0);
    expect(server.calls).toHaveLength(1);
  });

  it('calls the server again with bypassCache, and stores the fresh answer', async () => {
    let count = 0;
    server.setHandler(() => ({ content: { answer: `answer ${++count}` } }));
    const provider = cachedServerProvider();
    await provider.generate(request);
    const bypassed = await provider.generate(request, { bypassCache: true });
    const afterwards = await provider.generate(request);

    expect(bypassed).toMatchObject({ object: { answer: 'answer 2' }, cached: false });
    expect(afterwards).toMatchObject({ object: { answer: 'answer 2' }, cached: true });
    expect(server.calls).toHaveLength(2);
  });

  it('calls the server for a different request', async () => {
    const provider = cachedServerProvider();
    await provider.generate(request);
    await provider.generate({ ...request, prompt: 'What does adyen.com sell?' });
    await provider.generate({ ...request, temperature: 0.7 });
    expect(server.calls).toHaveLength(3);
  });

  it('does not cache failures', async () => {
    const inner = createMockLlmProvider([new LlmError('server_error', 'boom'), { text: 'recovered' }]);
    const provider = withResponseCache(inner, createMemoryResponseCache(), 60_000);
    await expect(provider.generate(request)).rejects.toThrow('boom');
    expect((await provider.generate(request)).text).toBe('recovered');
    expect(inner.calls).toHaveLength(2);
  });

  it('calls again once the TTL has passed, and is off for a TTL of 0', async () => {
    let now = 0;
    const inner = createMockLlmProvider({ text: 'ok' });
    const provider = withResponseCache(inner, createMemoryResponseCache({ now: () => now }), 1_000);
    await provider.generate(request);
    now = 1_000;
    await provider.generate(request);
    expect(inner.calls).toHaveLength(2);
    expect(withResponseCache(inner, createMemoryResponseCache(), 0)).toBe(inner);
  });
});

describe('withResponseCache scopes', () => {
  it('never answers one cache scope (workspace) from another, and shares within a scope', async () => {
    const mock = createMockLlmProvider({ text: 'fresh' });
    const cached = withResponseCache(mock, createMemoryResponseCache(), 60_000);
    expect((await cached.generate(request, { cacheScope: 'workspace-a' })).cached).toBeFalsy();
    expect((await cached.generate(request, { cacheScope: 'workspace-b' })).cached).toBeFalsy();
    expect((await cached.generate(request, { cacheScope: 'workspace-a' })).cached).toBe(true);
    expect((await cached.generate(request)).cached).toBeFalsy();
    expect(mock.calls).toHaveLength(3);
  });
});
