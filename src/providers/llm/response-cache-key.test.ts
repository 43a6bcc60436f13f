import { describe, expect, it } from 'vitest';
import { createResponseCacheKey } from './response-cache-key.ts';

const request = { system: 'You are precise.', prompt: 'What does stripe.com do?', jsonSchema: { type: 'object', properties: {} } };

describe('createResponseCacheKey', () => {
  it('is a prefixed sha256 and ignores key order', () => {
    const key = createResponseCacheKey('openai', 'gpt-4o-mini', request);
    expect(key).toMatch(/^llm:[0-9a-f]{64}$/);
    const reordered = { jsonSchema: { properties: {}, type: 'object' }, prompt: request.prompt, system: request.system };
    expect(createResponseCacheKey('openai', 'gpt-4o-mini', reordered)).toBe(key);
  });

  it('changes with the provider, the model and every request field', () => {
    const key = createResponseCacheKey('openai', 'gpt-4o-mini', request);
    const others = [
      createResponseCacheKey('anthropic', 'gpt-4o-mini', request),
      createResponseCacheKey('openai', 'gpt-4o', request),
      createResponseCacheKey('openai', 'gpt-4o-mini', { ...request, prompt: 'What does adyen.com do?' }),
      createResponseCacheKey('openai', 'gpt-4o-mini', { ...request, temperature: 0 }),
      createResponseCacheKey('openai', 'gpt-4o-mini', { ...request, schemaName: 'answer' }),
    ];
    expect(new Set([key, ...others]).size).toBe(6);
  });
});
