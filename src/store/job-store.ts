/** A job to queue: `kind` names its entry in the engine's job kinds; `payload` is stored as JSON. */
export interface NewJob {
  id: string;
  kind: string;
  workspaceId: string;
  payload: unknown;
  /** While a job with this key (per kind and workspace) is pending, queueing another is a no-op. */
  dedupeKey: string | null;
  maxAttempts: number;
  /** Epoch ms before which the job is not claimed. */
  runAfter: number;
  now: string;
}

/** A job a worker holds: it must end done, failed, retried or released on every path. */
export interface ClaimedJob {
  id: string;
  kind: string;
  workspaceId: string;
  /** Parsed from the stored JSON; the job kind validates it. */
  payload: unknown;
  /** Claims of this job so far, this one included. */
  attempts: number;
  maxAttempts: number;
  /** Fencing token: only the holder of the current token may end the job. */
  leaseToken: string;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'failed' | 'superseded';

/** Jobs per kind and status, for counters and tests. */
export interface JobCount {
  kind: string;
  status: JobStatus;
  count: number;
}

/**
 * Jobs as a queue beside the cells, with the same discipline: claims under fenced leases,
 * renewal, ending, retry with a wait, release on shutdown, and a reaper for dead workers.
 * Every time is passed in, so the clock is the caller's.
 */
export interface JobStore {
  /** Queue a job; false when a pending job with the same dedupe key already exists. */
  enqueueJob(job: NewJob): Promise<boolean>;
  /** Claim up to `limit` pending jobs due by `nowMs`, oldest first, under one new lease. */
  claimJobs(options: {
    limit: number;
    leaseToken: string;
    leaseExpiresAt: number;
    nowMs: number;
    now: string;
    kinds?: readonly string[];
  }): Promise<ClaimedJob[]>;
  /** Extend the lease of every job still held under `leaseToken`; returns how many (0: the lease was lost). */
  renewJobLease(leaseToken: string, leaseExpiresAt: number): Promise<number>;
  /** End a held job as done; false when the lease was lost meanwhile (the outcome is dropped). */
  completeJob(jobId: string, leaseToken: string, now: string): Promise<boolean>;
  /** End a held job as failed for good with `error`; false when the lease was lost. */
  failJob(jobId: string, leaseToken: string, error: string, now: string): Promise<boolean>;
  /** Return a held job to the queue, not claimable before `runAfter`; false when the lease was lost. */
  retryJob(jobId: string, leaseToken: string, runAfter: number, error: string, now: string): Promise<boolean>;
  /** Return jobs held under `leaseToken` untouched (graceful shutdown); the claim is not counted. */
  releaseJobLease(leaseToken: string, now: string): Promise<number>;
  /**
   * Requeue jobs whose lease expired before `nowMs` (or every held job when `nowMs` is null: a
   * process that knows no other can hold leases), or fail those whose attempts are spent.
   * Returns how many jobs were requeued and failed.
   */
  reapExpiredJobs(options: { nowMs: number | null; now: string; limit: number }): Promise<{ requeued: number; failed: number }>;
  /** Jobs by kind and status in a workspace (or every workspace). */
  countJobs(workspaceId?: string): Promise<JobCount[]>;
}
