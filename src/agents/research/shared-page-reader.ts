import { FetchError, type FetchedPage, type PageFetcher } from '../../providers/spec/fetcher.ts';
import { SingleFlightCache, type CacheOutcome } from './single-flight-cache.ts';

/** Per-call options of `SharedPageReader.read`. */
export interface PageReadOptions {
  signal: AbortSignal;
  /** The cell's run; with `bypassCache` only pages read for this run are reused. */
  runId: string | null;
  /** Mode "all": do not reuse pages read before this run. */
  bypassCache: boolean;
  /** Why the page is read; written to the fetcher's logs. */
  purpose: string;
}

/** Counters of a `SharedPageReader`, for usage records, tests and the benchmark. */
export interface PageReadStatistics {
  /** Reads that went to the web. */
  fetches: number;
  /** Reads answered by a page (or a failure) read earlier. */
  hits: number;
  /** Reads that joined a fetch already in flight for the same URL. */
  joins: number;
}

// A page costs its text plus a flat share for metadata and bookkeeping.
const PAGE_OVERHEAD_BYTES = 4_096;

/**
 * Every page read of the agents goes through one of these, shared by all cells of the process:
 * a URL-keyed cache with a short TTL and one fetch per URL in flight. This is what makes the
 * company profile and five research columns of a row fetch the home page once. Failures that
 * would fail again (404, robots.txt, refused addresses) are remembered too; a timeout is not.
 */
export class SharedPageReader {
  private readonly cache: SingleFlightCache<FetchedPage>;
  private readonly counters: PageReadStatistics = { fetches: 0, hits: 0, joins: 0 };

  constructor(
    private readonly fetcher: PageFetcher,
    options: { ttlMs: number; maxBytes: number; now?: () => number },
  ) {
    this.cache = new SingleFlightCache<FetchedPage>({
      ttlMs: options.ttlMs,
      maxSize: options.maxBytes,
      sizeOf: (page) => page.text.length * 2 + PAGE_OVERHEAD_BYTES,
      shouldRemember: (error) => error instanceof FetchError && !error.isRetryable,
      ...(options.now ? { now: options.now } : {}),
    });
  }

  /** Reads a page through the cache; rejects with the fetcher's `FetchError`, or the signal's reason. */
  async read(url: string, options: PageReadOptions): Promise<{ page: FetchedPage; outcome: CacheOutcome }> {
    const key = cacheKey(url);
    const { value, outcome } = await this.cache.get(
      key,
      () => {
        this.counters.fetches += 1;
        // The shared fetch is bounded by the fetcher's own deadline, not by the first caller's signal.
        return this.fetcher.fetchPage(url, { purpose: options.purpose });
      },
      { signal: options.signal, runId: options.runId, ...(options.bypassCache ? { freshFor: options.runId } : {}) },
    );
    if (outcome === 'hit') this.counters.hits += 1;
    if (outcome === 'joined') this.counters.joins += 1;
    return { page: value, outcome };
  }

  /** A copy of the counters since start. */
  statistics(): PageReadStatistics {
    return { ...this.counters };
  }
}

function cacheKey(url: string): string {
  const parsed = URL.parse(url);
  if (!parsed) return url;
  parsed.hash = '';
  return parsed.href;
}
