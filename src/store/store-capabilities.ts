/** What the engine under the store can do; code branches on these, never on the engine's name. */
export interface StoreCapabilities {
  engine: 'sqlite' | 'postgres';
  /** `FOR UPDATE SKIP LOCKED` lets many workers claim without blocking each other. */
  supportsSkipLocked: boolean;
  /** LISTEN/NOTIFY can wake workers in other processes. */
  supportsListenNotify: boolean;
  /**
   * Several processes may share the database (API and workers apart). When false, the process
   * that runs workers is the only one that can hold leases, so at its start every held cell is
   * known to be abandoned.
   */
  supportsMultipleProcesses: boolean;
  /** Bind parameters one statement may carry; bulk inserts are chunked under it. */
  maxBindParameters: number;
  /** Transactions may commit without waiting for their WAL flush (`synchronous_commit = off`). */
  supportsAsynchronousCommit: boolean;
  /**
   * INSERT/UPDATE inside WITH, seeing one snapshot: a claim or an ending with its counters,
   * wake-ups and run bookkeeping is one statement (one round trip) instead of a transaction of several.
   */
  supportsWritableCommonTableExpressions: boolean;
  /**
   * The planner may JIT-compile a statement whose estimated cost passes a threshold
   * (PostgreSQL's `jit_above_cost`), and a transaction can turn that off for itself (`set local
   * jit = off`). A run start's INSERT of queued cells crosses the thresholds through its per-row
   * readiness test and spent 0.49 s of 1.14 s compiling at 30,000 cells, for a statement that runs once.
   */
  compilesStatements: boolean;
  /** How the company index searches text: an FTS5 table (SQLite) or a tsvector column with GIN (PostgreSQL). */
  fullTextSearch: 'fts5' | 'tsvector';
  /**
   * Reads run synchronously on the event loop (better-sqlite3): long loads read small pages so
   * requests are served between them. Otherwise a page is a round trip, and fewer are better
   * (see companyIndexLoadPages).
   */
  blockingReads: boolean;
  /**
   * A bound parameter may be an array (`= any($1::text[])`), so a statement about many ids has one
   * text whatever their number; with `in ($1, $2, …)` every list length is another text, which a
   * prepared-statement cache sees as another statement (see preparedStatementPool).
   */
  bindsArrays: boolean;
}

/**
 * Rows per read when loading a workspace's company index: small where a read blocks the event
 * loop (SQLite: 500 profiles or 1,000 vectors, ~5–15 ms a read at 100,000), large where each
 * page is a round trip (PostgreSQL: pages of 500/1,000 loaded 1.6–2.5× slower than 1,000/5,000
 * at 100,000 profiles, bench/RESULTS.md 2026-12-06 wave5-lookalike).
 */
export function companyIndexLoadPages(capabilities: Pick<StoreCapabilities, 'blockingReads'>): { profiles: number; vectors: number } {
  return capabilities.blockingReads ? { profiles: 500, vectors: 1_000 } : { profiles: 1_000, vectors: 5_000 };
}
