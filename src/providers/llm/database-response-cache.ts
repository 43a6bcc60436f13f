import type { ProviderCacheStore } from '../../store/provider-cache-store.ts';
import type { LlmResponse, ResponseCache } from '../spec/llm.ts';

/**
 * The response cache in the database, shared by every process and kept across restarts, so an
 * identical request is paid for once per TTL however many workers ask.
 */
export function createDatabaseResponseCache(store: ProviderCacheStore, now: () => number = Date.now): ResponseCache {
  return {
    async get(key) {
      const stored = await store.getCachedResponse(key, now());
      return stored === undefined ? undefined : (JSON.parse(stored) as LlmResponse);
    },
    async set(key, value, ttlMs) {
      await store.setCachedResponse(key, JSON.stringify(value), now() + ttlMs);
    },
  };
}
