import { setMaxListeners } from 'node:events';
import { setImmediate } from 'node:timers/promises';
import type { Logger } from 'pino';
import { coerceError } from '../domain/errors.ts';
import type { CellOutcome, ClaimedCell, EngineChange, Store } from '../store/store.ts';
import type { BackoffPolicy } from './backoff.ts';
import { loadCellContexts } from './cell-context-loader.ts';
import type { CellContext, ExecutorRegistry } from './cell-executor.ts';
import { CompletionBuffer } from './completion-buffer.ts';
import { LeaseKeeper } from './lease-keeper.ts';
import type { QueueSignal } from './queue-signal.ts';
import { decideAfterFailure } from './retry-decision.ts';

export interface CellWorkerOptions {
  store: Store;
  executors: ExecutorRegistry;
  signal: QueueSignal;
  logger: Logger;
  /** Cells executing at once in this worker. */
  concurrency: number;
  /** Most cells claimed per claim query. */
  claimBatchSize: number;
  leaseMs: number;
  /** Claims of one cell before it fails for good. */
  maxAttempts: number;
  pollIntervalMs: number;
  backoff: BackoffPolicy;
  now?: () => number;
  random?: () => number;
}

/**
 * Claims ready cells, runs each through its executor, and ends it. Invariant: a claimed cell
 * ends done, failed, retried or released on every path, including errors and shutdown.
 */
export class CellWorker {
  private readonly now: () => number;
  private readonly leaseKeeper: LeaseKeeper;
  private readonly completions: CompletionBuffer;
  private readonly running = new Map<string, { controller: AbortController; cells: number }>();
  private inFlight = 0;
  private isStopping = false;
  private isReleasing = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: CellWorkerOptions) {
    this.now = options.now ?? Date.now;
    this.leaseKeeper = new LeaseKeeper(options.store, options.leaseMs, options.logger, this.now);
    this.completions = new CompletionBuffer(options.store, (change) => this.onChange(change), options.logger);
  }

  start(): void {
    if (this.loop) return;
    this.unsubscribe = this.options.signal.onCellsReady(() => this.notify());
    this.leaseKeeper.start();
    this.loop = this.run();
  }

  /** Cut the idle wait short: cells may be ready. */
  notify(): void {
    this.wake?.();
  }

  /** Stop claiming, let running cells end (up to `timeoutMs`), then give back what is still held. */
  async stop(options: { timeoutMs?: number } = {}): Promise<void> {
    if (!this.loop) return;
    this.isStopping = true;
    this.unsubscribe?.();
    this.notify();
    await this.loop;
    const deadline = this.now() + (options.timeoutMs ?? 30_000);
    while (this.inFlight > 0 && this.now() < deadline) await delay(20);
    this.isReleasing = true;
    for (const { controller } of this.running.values()) controller.abort(new Error('worker stopping'));
    await this.completions.flush();
    const nowIso = new Date(this.now()).toISOString();
    for (const leaseToken of this.running.keys()) {
      await this.options.store.releaseLease(leaseToken, nowIso).catch((error) => this.options.logger.error({ err: error }, 'lease-release-failed'));
    }
    this.running.clear();
    this.leaseKeeper.stop();
    this.loop = undefined;
  }

  private async run(): Promise<void> {
    while (!this.isStopping) {
      const capacity = this.options.concurrency - this.inFlight;
      if (capacity > 0) {
        const claimed = await this.claim(Math.min(capacity, this.options.claimBatchSize));
        if (claimed.length > 0) {
          void this.processBatch(claimed);
          // SQLite answers synchronously, so without this the loop would run on microtasks
          // alone and starve HTTP requests and timers for as long as there is work (measured:
          // a GET waited 3.5 s during a 30,000-cell run).
          await setImmediate();
          continue;
        }
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollIntervalMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private async claim(limit: number): Promise<ClaimedCell[]> {
    try {
      const nowMs = this.now();
      return await this.options.store.claimCells({
        limit,
        leaseToken: crypto.randomUUID(),
        leaseExpiresAt: nowMs + this.options.leaseMs,
        now: new Date(nowMs).toISOString(),
      });
    } catch (error) {
      // A failed claim falls back to the normal poll instead of hot-looping.
      this.options.logger.error({ err: error }, 'claim-failed');
      return [];
    }
  }

  private async processBatch(claimed: ClaimedCell[]): Promise<void> {
    const leaseToken = claimed[0]!.leaseToken;
    const controller = new AbortController();
    // Every cell of the batch listens on this one signal (through its agent's own signals).
    setMaxListeners(claimed.length * 4 + 10, controller.signal);
    const entry = { controller, cells: claimed.length };
    this.running.set(leaseToken, entry);
    this.leaseKeeper.hold(leaseToken, controller);
    this.inFlight += claimed.length;
    const endOne = () => {
      this.inFlight -= 1;
      entry.cells -= 1;
      if (entry.cells === 0) {
        this.running.delete(leaseToken);
        this.leaseKeeper.release(leaseToken);
      }
      this.notify();
    };
    let loaded: Awaited<ReturnType<typeof loadCellContexts>>;
    try {
      loaded = await loadCellContexts(this.options.store, claimed);
    } catch (error) {
      loaded = claimed.map((cell) => ({ claimed: cell, problem: `could not load the cell: ${coerceError(error).message}` }));
      this.options.logger.error({ err: error }, 'context-load-failed');
    }
    await Promise.all(
      loaded.map(async (item) => {
        try {
          if ('problem' in item) await this.completions.complete(outcome(item.claimed, 'failed', null, item.problem));
          else await this.execute(item.claimed, item.context, controller.signal);
        } finally {
          endOne();
        }
      }),
    );
  }

  private async execute(cell: ClaimedCell, context: Omit<CellContext, 'signal'>, signal: AbortSignal): Promise<void> {
    const executor = this.options.executors.executorFor(context.column, context.table.kind);
    if (!executor) {
      await this.completions.complete(
        outcome(cell, 'failed', null, `no agent can compute '${context.column.config.kind}' columns on ${context.table.kind} tables yet`),
      );
      return;
    }
    try {
      const result = await executor.execute({ ...context, signal });
      await this.completions.complete({
        ...outcome(cell, 'done', result.value, null),
        ...(result.companyProfileId ? { companyProfileId: result.companyProfileId } : {}),
      });
    } catch (thrown) {
      // A released cell goes back to the queue untouched; its lease is returned in stop().
      if (this.isReleasing) return;
      const error = coerceError(thrown);
      const { maxAttempts, backoff, random } = this.options;
      const decision = decideAfterFailure(error, { attempts: cell.attempts, maxAttempts, isAborted: signal.aborted, backoff, random });
      if (decision.action === 'retry') {
        await this.completions.retry({
          tableId: cell.tableId,
          rowId: cell.rowId,
          columnId: cell.columnId,
          leaseToken: cell.leaseToken,
          runAfter: this.now() + decision.delayMs,
          error: error.message,
        });
        return;
      }
      await this.completions.complete(outcome(cell, 'failed', null, decision.message));
    }
  }

  private onChange(change: EngineChange): void {
    if (change.newlyReady > 0) this.options.signal.notifyCellsReady();
    this.options.signal.publishChange(change);
  }
}

function outcome(cell: ClaimedCell, status: 'done' | 'failed', value: unknown, error: string | null): CellOutcome {
  return { tableId: cell.tableId, rowId: cell.rowId, columnId: cell.columnId, leaseToken: cell.leaseToken, runId: cell.runId, status, value, error };
}

function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
