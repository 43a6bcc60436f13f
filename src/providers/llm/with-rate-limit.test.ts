import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAiCompatibleServer } from '../../../test/fixtures/openai-compatible-server/index.ts';
import type { OpenAiCompatibleServer } from '../../../test/fixtures/openai-compatible-server/index.ts';
import { createAiSdkLlmProvider } from './ai-sdk-llm-provider.ts';
import { createLanguageModel } from './create-language-model.ts';
import { createMockLlmProvider } from './mock-llm-provider.ts';
import type { Sleep } from './sleep.ts';
import { withRateLimit } from './with-rate-limit.ts';

let server: OpenAiCompatibleServer;
beforeAll(async () => {
  server = await startOpenAiCompatibleServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

/** A fake clock whose sleep moves time forward instantly and records each wait. */
function fakeClock(): { now: () => number; sleep: Sleep; waits: number[] } {
  let time = 0;
  const waits: number[] = [];
  return {
    now: () => time,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      waits.push(ms);
      time += ms;
    },
    waits,
  };
}

describe('withRateLimit', () => {
  it('lets N calls through in a minute and delays call N+1 until the budget refills', async () => {
    const clock = fakeClock();
    const provider = withRateLimit(
      createAiSdkLlmProvider({
        providerId: 'openai-compatible',
        languageModel: createLanguageModel({ kind: 'openai-compatible', model: 'test-model', baseUrl: server.baseUrl }),
      }),
      { requestsPerMinute: 3, tokensPerMinute: 0, now: clock.now, sleep: clock.sleep },
    );
    for (let index = 0; index < 3; index++) await provider.generate({ system: 's', prompt: `call ${index}` });
    expect(clock.waits).toEqual([]);

    await provider.generate({ system: 's', prompt: 'call 3' });
    expect(clock.waits).toEqual([20_000]); // 3 per minute: one request every 20 s
    expect(server.calls).toHaveLength(4);
  });

  it('reserves estimated tokens and corrects them with the reported usage', async () => {
    const clock = fakeClock();
    const inner = createMockLlmProvider({ usage: { inputTokens: 300, outputTokens: 300, totalTokens: 600 } });
    const provider = withRateLimit(inner, { requestsPerMinute: 0, tokensPerMinute: 1_000, now: clock.now, sleep: clock.sleep });
    const prompt = 'x'.repeat(400); // estimated 100 tokens, actually 600

    await provider.generate({ system: '', prompt });
    await provider.generate({ system: '', prompt }); // 400 left after the first correction: no wait
    expect(clock.waits).toEqual([]);
    // Now -200: this call's 100 estimated tokens need 300 tokens of refill at 1000/min = 18 s.
    await provider.generate({ system: '', prompt });
    expect(clock.waits).toEqual([18_000]);
  });

  it('gives the reservation back when the caller aborts while waiting', async () => {
    const inner = createMockLlmProvider({ text: 'ok' });
    let now = 0;
    const provider = withRateLimit(inner, {
      requestsPerMinute: 1,
      tokensPerMinute: 0,
      now: () => now,
      sleep: async () => {
        throw new Error('aborted while waiting');
      },
    });
    await provider.generate({ system: 's', prompt: 'first' });
    await expect(provider.generate({ system: 's', prompt: 'second' })).rejects.toMatchObject({ code: 'aborted' });
    now = 60_000; // one minute later the bucket holds one request again, not minus one
    expect((await provider.generate({ system: 's', prompt: 'third' })).text).toBe('ok');
    expect(inner.calls).toHaveLength(2);
  });

  it('is a no-op when both budgets are unlimited', () => {
    const inner = createMockLlmProvider({ text: 'ok' });
    expect(withRateLimit(inner, { requestsPerMinute: 0, tokensPerMinute: Number.POSITIVE_INFINITY })).toBe(inner);
  });
});
