import type { LlmResponse, ResponseCache } from '../spec/llm.ts';

/** Settings of the in-memory cache. */
export interface MemoryResponseCacheOptions {
  /** Most entries kept; the least recently used goes first. Defaults to 1,000. */
  maxEntries?: number;
  /** Clock in milliseconds; injectable for tests. */
  now?: () => number;
}

interface Entry {
  value: LlmResponse;
  expiresAt: number;
}

/**
 * A bounded least-recently-used `ResponseCache` for one process. A `Map` keeps insertion order,
 * so re-inserting on read moves an entry to the young end and the first key is the eviction
 * candidate. Values are copied in and out, so a caller mutating a response cannot change the cache.
 */
export function createMemoryResponseCache(options: MemoryResponseCacheOptions = {}): ResponseCache {
  const { maxEntries = 1_000, now = Date.now } = options;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  }
  const entries = new Map<string, Entry>();

  return {
    async get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      entries.delete(key);
      if (entry.expiresAt <= now()) return undefined;
      entries.set(key, entry);
      return structuredClone(entry.value);
    },
    async set(key, value, ttlMs) {
      entries.delete(key);
      if (!(ttlMs > 0)) return;
      entries.set(key, { value: structuredClone(value), expiresAt: now() + ttlMs });
      for (const oldestKey of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldestKey);
      }
    },
  };
}
