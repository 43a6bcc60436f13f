/** What a running job may use besides its payload. */
export interface JobContext {
  workspaceId: string;
  /** Aborted on lease loss / shutdown: the job's outcome would be discarded, so stop paying for it. */
  signal: AbortSignal;
  /** Claims of this job so far, this one included. */
  attempt: number;
  /** Queue a follow-up job in the same workspace (deduplicated by `dedupeKey` while it is pending). */
  enqueue(kind: string, payload: unknown, options?: { dedupeKey?: string; runAfterMs?: number }): Promise<void>;
}

/**
 * One kind of long-running work on the engine (a discovery stage, an embedding…): how to read
 * its payload back from the database and how to run it. `run` throwing means the attempt failed:
 * it is retried per `engine/retry-decision.ts` with the cell backoff until `maxAttempts`.
 * A job may run more than once (a worker can die after the work and before the ending is
 * written), so `run` must be idempotent.
 */
export interface JobKind<P = unknown> {
  /** e.g. 'discovery.discover', 'profile.embed' */
  name: string;
  /** Validate what comes back from the database; throwing fails the job for good. */
  parsePayload(raw: unknown): P;
  maxAttempts: number;
  run(payload: P, context: JobContext): Promise<void>;
}
