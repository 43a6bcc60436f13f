import type { LlmProvider, ResponseCache } from '../spec/llm.ts';
import { createResponseCacheKey } from './response-cache-key.ts';

/**
 * Serves identical requests from `cache` for `ttlMs` (key: `response-cache-key.ts`). Only
 * successful responses are stored. `bypassCache: true` skips the read but still stores the fresh
 * response. A hit keeps the original usage and is marked `cached: true`, so cost accounting can
 * tell a paid call from a free one. A `ttlMs` of 0 or less turns caching off.
 * Errors from the cache itself are not hidden: they reject the call.
 */
export function withResponseCache(provider: LlmProvider, cache: ResponseCache, ttlMs: number): LlmProvider {
  if (!(ttlMs > 0)) return provider;
  return {
    providerId: provider.providerId,
    modelId: provider.modelId,
    async generate(request, options = {}) {
      const key = createResponseCacheKey(provider.providerId, provider.modelId, request, options.cacheScope);
      if (options.bypassCache !== true) {
        const hit = await cache.get(key);
        if (hit !== undefined) return { ...hit, cached: true };
      }
      const response = await provider.generate(request, options);
      await cache.set(key, { ...response, cached: false }, ttlMs);
      return response;
    },
  };
}
