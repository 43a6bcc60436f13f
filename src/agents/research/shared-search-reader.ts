import type { SearchProvider, SearchResult } from '../../providers/spec/search.ts';
import { SingleFlightCache } from './single-flight-cache.ts';

const RESULTS_PER_QUERY = 8;

/**
 * The configured search provider behind the same short-lived, single-flight cache as pages:
 * cells of one row asking the same query share one call. Failures are never remembered.
 */
export class SharedSearchReader {
  private readonly cache: SingleFlightCache<SearchResult[]>;
  /** Calls that reached the provider. */
  calls = 0;

  constructor(
    readonly provider: SearchProvider,
    options: { ttlMs: number; now?: () => number },
  ) {
    this.cache = new SingleFlightCache<SearchResult[]>({
      ttlMs: options.ttlMs,
      maxSize: 5_000,
      sizeOf: () => 1,
      shouldRemember: () => false,
      ...(options.now ? { now: options.now } : {}),
    });
  }

  /** Results of `query`; `fromCache` is false when this call reached the provider. */
  async search(
    query: string,
    call: { signal: AbortSignal; runId: string | null; bypassCache: boolean },
  ): Promise<{ results: SearchResult[]; fromCache: boolean }> {
    const { value, outcome } = await this.cache.get(
      `${this.provider.providerId}\n${query}`,
      () => {
        this.calls += 1;
        return this.provider.search(query, { limit: RESULTS_PER_QUERY });
      },
      { signal: call.signal, runId: call.runId, ...(call.bypassCache ? { freshFor: call.runId } : {}) },
    );
    return { results: value, fromCache: outcome !== 'loaded' };
  }
}
