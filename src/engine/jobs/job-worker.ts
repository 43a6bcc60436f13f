import { setMaxListeners } from 'node:events';
import { setImmediate } from 'node:timers/promises';
import type { Logger } from 'pino';
import { coerceError } from '../../domain/errors.ts';
import type { ClaimedJob, JobStore } from '../../store/job-store.ts';
import type { BackoffPolicy } from '../backoff.ts';
import { LeaseKeeper } from '../lease-keeper.ts';
import { decideAfterFailure } from '../retry-decision.ts';
import type { WorkerWakeUp } from '../worker-wake-up.ts';
import type { JobContext } from './job-kind.ts';
import type { JobKindRegistry } from './job-kinds.ts';
import type { JobQueue } from './job-queue.ts';

export interface JobWorkerOptions {
  store: JobStore;
  kinds: JobKindRegistry;
  queue: JobQueue;
  wakeUp: WorkerWakeUp;
  logger: Logger;
  /** Jobs running at once in this worker. */
  concurrency: number;
  leaseMs: number;
  pollIntervalMs: number;
  reapIntervalMs: number;
  backoff: BackoffPolicy;
  now?: () => number;
  random?: () => number;
}

const REAP_LIMIT = 1_000;

/**
 * Claims due jobs of the kinds it knows, runs each, and ends it, like the cell worker: a claimed
 * job ends done, failed, retried or released on every path. Leases are renewed by the shared
 * LeaseKeeper (a lost lease aborts the job's signal), and expired leases of dead workers are
 * reaped on a timer, so no job stays running forever.
 */
export class JobWorker {
  private readonly now: () => number;
  private readonly leaseKeeper: LeaseKeeper;
  private readonly running = new Map<string, { controller: AbortController; jobs: ClaimedJob[]; unfinished: number }>();
  private inFlight = 0;
  private isStopping = false;
  private isReleasing = false;
  private isWakeUpPending = false;
  private wake: (() => void) | undefined;
  private onIdle: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;
  private reapTimer: NodeJS.Timeout | undefined;
  private isReaping = false;

  constructor(private readonly options: JobWorkerOptions) {
    this.now = options.now ?? Date.now;
    this.leaseKeeper = new LeaseKeeper(
      { renewLease: (token, expiresAt) => options.store.renewJobLease(token, expiresAt) },
      options.leaseMs,
      options.logger,
      this.now,
    );
  }

  /** Start claiming. With `requeueHeld`, every held job is first requeued (SQLite: whoever held it is gone). */
  async start(options: { requeueHeld?: boolean } = {}): Promise<void> {
    if (this.loop) return;
    if (options.requeueHeld) await this.reapOnce(null);
    this.isStopping = false;
    this.isReleasing = false;
    this.stopping = undefined;
    this.unsubscribe = this.options.wakeUp.onCellsReady(() => this.notify());
    this.leaseKeeper.start();
    this.reapTimer = setInterval(() => void this.reapOnce(this.now()), this.options.reapIntervalMs);
    this.loop = this.run();
  }

  notify(): void {
    this.isWakeUpPending = true;
    this.wake?.();
  }

  /** Stop claiming, let running jobs end (up to `timeoutMs`), then give back what is still held. Idempotent. */
  stop(options: { timeoutMs?: number } = {}): Promise<void> {
    if (!this.loop) return Promise.resolve();
    this.stopping ??= this.stopNow(options.timeoutMs ?? 30_000);
    return this.stopping;
  }

  /** Requeue (or fail, once spent) jobs whose lease expired before `nowMs`, or all held jobs when null. */
  async reapOnce(nowMs: number | null): Promise<{ requeued: number; failed: number }> {
    if (this.isReaping) return { requeued: 0, failed: 0 };
    this.isReaping = true;
    try {
      const outcome = await this.options.store.reapExpiredJobs({ nowMs, now: new Date(this.now()).toISOString(), limit: REAP_LIMIT });
      if (outcome.requeued + outcome.failed > 0) this.options.logger.info(outcome, nowMs === null ? 'held-jobs-requeued-at-start' : 'job-leases-reaped');
      if (outcome.requeued > 0) this.options.wakeUp.notifyCellsReady();
      return outcome;
    } catch (error) {
      this.options.logger.error({ err: error }, 'job-reap-failed');
      return { requeued: 0, failed: 0 };
    } finally {
      this.isReaping = false;
    }
  }

  private async stopNow(timeoutMs: number): Promise<void> {
    this.isStopping = true;
    this.unsubscribe?.();
    clearInterval(this.reapTimer);
    this.wake?.();
    await this.loop;
    await this.waitForIdle(timeoutMs);
    this.isReleasing = true;
    for (const { controller } of this.running.values()) controller.abort(new Error('worker stopping'));
    const nowIso = new Date(this.now()).toISOString();
    for (const [leaseToken, { jobs }] of this.running) {
      await this.options.store
        .releaseJobLease(leaseToken, nowIso)
        .catch((error) => this.options.logger.error({ err: error, leaseToken, jobs: jobs.map((job) => job.id) }, 'job-lease-release-failed'));
    }
    this.running.clear();
    this.leaseKeeper.stop();
    this.loop = undefined;
  }

  private async waitForIdle(timeoutMs: number): Promise<void> {
    if (this.inFlight === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.onIdle = resolve;
      timer = setTimeout(resolve, timeoutMs);
    });
    clearTimeout(timer);
    this.onIdle = undefined;
  }

  private async run(): Promise<void> {
    while (!this.isStopping) {
      this.isWakeUpPending = false;
      const capacity = this.options.concurrency - this.inFlight;
      let hasClaimFailed = false;
      if (capacity > 0) {
        const claimed = await this.claim(capacity);
        if (claimed === undefined) hasClaimFailed = true;
        else if (claimed.length > 0) {
          void this.processBatch(claimed);
          // Let timers and HTTP requests in between claims (SQLite answers synchronously).
          await setImmediate();
          continue;
        }
      }
      if (this.isStopping || (this.isWakeUpPending && !hasClaimFailed && capacity > 0)) continue;
      await this.sleep(hasClaimFailed);
    }
  }

  private sleep(afterFailure: boolean): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.options.pollIntervalMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        if (!afterFailure || this.isStopping) done();
      };
    }).finally(() => {
      this.wake = undefined;
    });
  }

  private async claim(limit: number): Promise<ClaimedJob[] | undefined> {
    try {
      const nowMs = this.now();
      return await this.options.store.claimJobs({
        limit,
        leaseToken: crypto.randomUUID(),
        leaseExpiresAt: nowMs + this.options.leaseMs,
        nowMs,
        now: new Date(nowMs).toISOString(),
        kinds: this.options.kinds.names(),
      });
    } catch (error) {
      this.options.logger.error({ err: error }, 'job-claim-failed');
      return undefined;
    }
  }

  private async processBatch(claimed: ClaimedJob[]): Promise<void> {
    const leaseToken = claimed[0]!.leaseToken;
    const controller = new AbortController();
    setMaxListeners(claimed.length * 8 + 10, controller.signal);
    const entry = { controller, jobs: claimed, unfinished: claimed.length };
    this.running.set(leaseToken, entry);
    this.leaseKeeper.hold(leaseToken, { controller, cells: [] });
    this.inFlight += claimed.length;
    await Promise.all(
      claimed.map(async (job) => {
        try {
          await this.execute(job, controller.signal);
        } catch (error) {
          // Ending the job failed (the database is away): its lease expires and the reaper requeues it.
          this.options.logger.error({ err: error, jobId: job.id, kind: job.kind }, 'job-ending-failed');
        } finally {
          this.inFlight -= 1;
          entry.unfinished -= 1;
          if (entry.unfinished === 0) {
            this.running.delete(leaseToken);
            this.leaseKeeper.release(leaseToken);
          }
          if (this.inFlight === 0) this.onIdle?.();
          this.notify();
        }
      }),
    );
  }

  private async execute(job: ClaimedJob, signal: AbortSignal): Promise<void> {
    const { store, logger } = this.options;
    const iso = () => new Date(this.now()).toISOString();
    const kind = this.options.kinds.find(job.kind);
    if (!kind) {
      await store.failJob(job.id, job.leaseToken, `no job kind '${job.kind}' is registered in this worker`, iso());
      return;
    }
    let payload: unknown;
    try {
      payload = kind.parsePayload(job.payload);
    } catch (error) {
      await store.failJob(job.id, job.leaseToken, `the job's payload is not valid: ${coerceError(error).message}`, iso());
      return;
    }
    const context: JobContext = {
      workspaceId: job.workspaceId,
      signal,
      attempt: job.attempts,
      enqueue: async (kindName, nextPayload, options) => {
        await this.options.queue.enqueue(job.workspaceId, kindName, nextPayload, options);
      },
    };
    const started = this.now();
    try {
      await kind.run(payload, context);
      const ended = await store.completeJob(job.id, job.leaseToken, iso());
      logger.debug({ jobId: job.id, kind: job.kind, durationMs: this.now() - started, ended }, 'job-done');
    } catch (thrown) {
      // A released job goes back to the queue untouched; its lease is returned in stop().
      if (this.isReleasing) return;
      const error = coerceError(thrown);
      const decision = decideAfterFailure(error, {
        attempts: job.attempts,
        maxAttempts: job.maxAttempts,
        isAborted: signal.aborted,
        backoff: this.options.backoff,
        ...(this.options.random ? { random: this.options.random } : {}),
      });
      logger.warn({ err: error, jobId: job.id, kind: job.kind, attempt: job.attempts, decision: decision.action }, 'job-attempt-failed');
      if (decision.action === 'retry') await store.retryJob(job.id, job.leaseToken, this.now() + decision.delayMs, error.message, iso());
      else await store.failJob(job.id, job.leaseToken, decision.message, iso());
    }
  }
}
