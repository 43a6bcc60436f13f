/** Provider responses kept by request hash, so identical requests are not paid for twice. */
export interface ProviderCacheStore {
  /** The cached response for `key`, unless it expired before `nowMs`. */
  getCachedResponse(key: string, nowMs: number): Promise<string | undefined>;
  setCachedResponse(key: string, value: string, expiresAt: number): Promise<void>;
}
