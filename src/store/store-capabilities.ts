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
  /** How the company index searches text: an FTS5 table (SQLite) or a tsvector column with GIN (PostgreSQL). */
  fullTextSearch: 'fts5' | 'tsvector';
}
