import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAiCompatibleServer } from '../../../test/fixtures/openai-compatible-server/index.ts';
import type { OpenAiCompatibleServer } from '../../../test/fixtures/openai-compatible-server/index.ts';
import { LlmError } from '../spec/llm.ts';
import { chooseLlmProvider } from './choose-llm-provider.ts';
import type { LlmSettings } from './llm-settings.ts';
import { resolveLlmProvider } from './resolve-llm-provider.ts';

const limits = {
  concurrency: 2,
  requestsPerMinute: 0,
  tokensPerMinute: 0,
  timeoutMs: 5_000,
  maxRetries: 2,
  cacheTtlMs: 60_000,
};
const settings = (overrides: Partial<LlmSettings>): LlmSettings => ({ provider: null, ...limits, ...overrides });

describe('resolveLlmProvider without a usable configuration', () => {
  it('returns a provider whose calls fail at once with the exact not-configured message', async () => {
    const provider = resolveLlmProvider(settings({ openaiApiKey: '', baseUrl: '  ' }));
    const failure = provider.generate({ system: 's', prompt: 'p' });
    await expect(failure).rejects.toBeInstanceOf(LlmError);
    await expect(failure).rejects.toMatchObject({ code: 'not_configured', isRetryable: false });
    await expect(failure).rejects.toThrow(/^no LLM provider configured: set OPENAI_API_KEY, ANTHROPIC_API_KEY or FATHOM_LLM_BASE_URL$/);
  });

  it('names the missing key when a provider is chosen but not configured', async () => {
    const provider = resolveLlmProvider(settings({ provider: 'anthropic', openaiApiKey: 'sk-test' }));
    await expect(provider.generate({ system: 's', prompt: 'p' })).rejects.toThrow(
      'the LLM provider is set to anthropic but no Anthropic API key is configured: set ANTHROPIC_API_KEY',
    );
  });

  it('asks for a model name for an OpenAI-compatible server', async () => {
    const provider = resolveLlmProvider(settings({ baseUrl: 'http://127.0.0.1:11434/v1' }));
    await expect(provider.generate({ system: 's', prompt: 'p' })).rejects.toMatchObject({
      code: 'not_configured',
      message: expect.stringContaining('set FATHOM_LLM_MODEL'),
    });
  });
});

describe('resolveLlmProvider with a hosted provider', () => {
  it('builds the chosen provider with its default model', () => {
    const anthropic = resolveLlmProvider(settings({ anthropicApiKey: 'a' }));
    expect([anthropic.providerId, anthropic.modelId]).toEqual(['anthropic', 'claude-haiku-4-5']);
    const openai = resolveLlmProvider(settings({ openaiApiKey: 'o', model: 'gpt-4.1-mini' }));
    expect([openai.providerId, openai.modelId]).toEqual(['openai', 'gpt-4.1-mini']);
  });
});

describe('chooseLlmProvider', () => {
  it('picks the only configured provider, with its default model', () => {
    expect(chooseLlmProvider(settings({ anthropicApiKey: 'a' }))).toEqual({
      settings: { kind: 'anthropic', model: 'claude-haiku-4-5', apiKey: 'a' },
    });
    expect(chooseLlmProvider(settings({ openaiApiKey: 'o' }))).toEqual({
      settings: { kind: 'openai', model: 'gpt-4o-mini', apiKey: 'o' },
    });
  });

  it('picks by precedence (openai-compatible, openai, anthropic) when several are configured', () => {
    const everything = { openaiApiKey: 'o', anthropicApiKey: 'a', baseUrl: 'http://127.0.0.1:1/v1', model: 'llama3.1' };
    expect(chooseLlmProvider(settings(everything))).toMatchObject({ settings: { kind: 'openai-compatible', model: 'llama3.1' } });
    expect(chooseLlmProvider(settings({ ...everything, baseUrl: undefined }))).toMatchObject({ settings: { kind: 'openai' } });
  });

  it('honours an explicit provider over precedence, and model overrides', () => {
    const choice = chooseLlmProvider(settings({ provider: 'anthropic', openaiApiKey: 'o', anthropicApiKey: 'a', model: 'claude-sonnet-4-5' }));
    expect(choice).toEqual({ settings: { kind: 'anthropic', model: 'claude-sonnet-4-5', apiKey: 'a' } });
  });

  it('uses the reasoning model for the reasoning role, falling back to the model', () => {
    const configured = settings({ openaiApiKey: 'o', model: 'gpt-4o-mini', reasoningModel: 'o4-mini' });
    expect(chooseLlmProvider(configured, 'reasoning')).toMatchObject({ settings: { model: 'o4-mini' } });
    expect(chooseLlmProvider({ ...configured, reasoningModel: undefined }, 'reasoning')).toMatchObject({ settings: { model: 'gpt-4o-mini' } });
  });
});

describe('resolveLlmProvider against the test server', () => {
  let server: OpenAiCompatibleServer;
  beforeAll(async () => {
    server = await startOpenAiCompatibleServer({ apiKey: 'local-key', models: ['llama3.1'] });
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  it('wires the configured server with retries and the cache', async () => {
    const waits: number[] = [];
    const provider = resolveLlmProvider(settings({ baseUrl: server.baseUrl, apiKey: 'local-key', model: 'llama3.1' }), {
      sleep: async (ms) => {
        waits.push(ms);
      },
      retry: { random: () => 0 },
    });
    expect([provider.providerId, provider.modelId]).toEqual(['openai-compatible', 'llama3.1']);
    server.enqueueFailure({ status: 429, retryAfter: 2 });
    const request = { system: 's', prompt: 'What does stripe.com sell?', jsonSchema: { type: 'object', properties: {} } };

    const first = await provider.generate(request);
    const second = await provider.generate(request);
    expect(first).toMatchObject({ object: {}, cached: false, providerId: 'openai-compatible', modelId: 'llama3.1' });
    expect(second).toEqual({ ...first, cached: true });
    expect(waits).toEqual([2_000]);
    expect(server.calls.map((call) => [call.status, call.chat?.model])).toEqual([
      [429, 'llama3.1'],
      [200, 'llama3.1'],
    ]);
  });
});
