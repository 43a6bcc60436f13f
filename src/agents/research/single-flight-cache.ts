/** Options of `SingleFlightCache`. */
export interface SingleFlightCacheOptions<Value> {
  /** How long a settled value (or a remembered failure) is served; 0 keeps nothing once settled. */
  ttlMs: number;
  /** Most total `sizeOf` kept; the least recently used entries are dropped first. */
  maxSize: number;
  /** The size an entry counts for; failures count 1. */
  sizeOf(value: Value): number;
  /** Which failures are remembered for the TTL; others are forgotten once every waiter has them. */
  shouldRemember(error: unknown): boolean;
  now?: () => number;
}

interface Entry<Value> {
  promise: Promise<Value>;
  settledAt: number | null;
  size: number;
  /** The run the value was produced for (mode "all" only trusts values of its own run). */
  runId: string | null;
}

/** How `get` was answered. */
export type CacheOutcome = 'loaded' | 'joined' | 'hit';

/**
 * A keyed cache where concurrent callers of the same key share one load: the first caller's
 * `load` runs, later callers join its promise, and the settled value is served until the TTL
 * ends or the size budget pushes it out. Each caller waits with its own signal, so a caller that
 * gives up never cancels the load others are waiting for.
 */
export class SingleFlightCache<Value> {
  private readonly entries = new Map<string, Entry<Value>>();
  private totalSize = 0;
  private readonly now: () => number;

  constructor(private readonly options: SingleFlightCacheOptions<Value>) {
    this.now = options.now ?? Date.now;
  }

  /**
   * The value for `key`, loading it when absent or expired. With `freshFor` set (mode "all"), a
   * settled entry produced for another run is loaded again, so a rerun reads the web anew while
   * the cells of one run still share.
   */
  async get(
    key: string,
    load: () => Promise<Value>,
    call: { signal?: AbortSignal; freshFor?: string | null; runId?: string | null } = {},
  ): Promise<{ value: Value; outcome: CacheOutcome }> {
    call.signal?.throwIfAborted();
    let entry = this.entries.get(key);
    if (entry && entry.settledAt !== null && !this.isUsable(entry, call.freshFor)) {
      this.remove(key, entry);
      entry = undefined;
    }
    const outcome: CacheOutcome = entry ? (entry.settledAt === null ? 'joined' : 'hit') : 'loaded';
    if (!entry) {
      entry = this.startLoad(key, load, call.runId ?? null);
    } else {
      // Refresh its place in the least-recently-used order.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    const value = await waitWithSignal(entry.promise, call.signal);
    return { value, outcome };
  }

  /** Entries held now (settled or loading). */
  get size(): number {
    return this.entries.size;
  }

  private isUsable(entry: Entry<Value>, freshFor: string | null | undefined): boolean {
    if (this.now() - entry.settledAt! >= this.options.ttlMs) return false;
    return freshFor === undefined || (freshFor !== null && entry.runId === freshFor);
  }

  private startLoad(key: string, load: () => Promise<Value>, runId: string | null): Entry<Value> {
    const entry: Entry<Value> = { promise: Promise.resolve().then(load), settledAt: null, size: 0, runId };
    this.entries.set(key, entry);
    entry.promise.then(
      (value) => this.settle(key, entry, this.options.sizeOf(value), true),
      (error: unknown) => this.settle(key, entry, 1, this.options.shouldRemember(error)),
    );
    return entry;
  }

  private settle(key: string, entry: Entry<Value>, size: number, keep: boolean): void {
    if (this.entries.get(key) !== entry) return;
    if (!keep || this.options.ttlMs <= 0) {
      this.entries.delete(key);
      return;
    }
    entry.settledAt = this.now();
    entry.size = size;
    this.totalSize += size;
    for (const [oldestKey, oldest] of this.entries) {
      if (this.totalSize <= this.options.maxSize) break;
      if (oldest.settledAt !== null) this.remove(oldestKey, oldest);
    }
  }

  private remove(key: string, entry: Entry<Value>): void {
    this.entries.delete(key);
    if (entry.settledAt !== null) this.totalSize -= entry.size;
  }
}

function waitWithSignal<Value>(promise: Promise<Value>, signal: AbortSignal | undefined): Promise<Value> {
  if (!signal) return promise;
  return new Promise<Value>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
