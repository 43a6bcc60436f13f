import { describe, expect, it } from 'vitest';
import type { LlmResponse } from '../spec/llm.ts';
import { createMemoryResponseCache } from './memory-response-cache.ts';

function response(text: string): LlmResponse {
  return { text, usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 }, providerId: 'p', modelId: 'm', cached: false };
}

describe('createMemoryResponseCache', () => {
  it('returns what was stored until the TTL passes', async () => {
    let now = 0;
    const cache = createMemoryResponseCache({ now: () => now });
    await cache.set('a', response('A'), 1_000);
    now = 999;
    expect((await cache.get('a'))?.text).toBe('A');
    now = 1_000;
    expect(await cache.get('a')).toBeUndefined();
    expect(await cache.get('missing')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    const cache = createMemoryResponseCache({ maxEntries: 2 });
    await cache.set('a', response('A'), 60_000);
    await cache.set('b', response('B'), 60_000);
    await cache.get('a'); // a is now the most recently used
    await cache.set('c', response('C'), 60_000);
    expect(await cache.get('b')).toBeUndefined();
    expect((await cache.get('a'))?.text).toBe('A');
    expect((await cache.get('c'))?.text).toBe('C');
  });

  it('hands out copies, so callers cannot change what is cached', async () => {
    const cache = createMemoryResponseCache();
    const stored = { ...response('A'), object: { answer: 'Payments' } };
    await cache.set('a', stored, 60_000);
    stored.object.answer = 'changed after set';
    const first = await cache.get('a');
    (first?.object as { answer: string }).answer = 'changed after get';
    expect((await cache.get('a'))?.object).toEqual({ answer: 'Payments' });
  });

  it('stores nothing for a TTL of zero and rejects a bad size', async () => {
    const cache = createMemoryResponseCache();
    await cache.set('a', response('A'), 0);
    expect(await cache.get('a')).toBeUndefined();
    expect(() => createMemoryResponseCache({ maxEntries: 0 })).toThrow(RangeError);
  });
});
