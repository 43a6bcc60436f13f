import { setMaxListeners } from 'node:events';
import { setImmediate } from 'node:timers/promises';
import { coerceError } from '../domain/errors.ts';
import { uuidV7 } from '../domain/uuid-v7.ts';
import type { CellOutcome, ClaimedCell, EngineChange, QueueStore } from '../store/queue-store.ts';
import type { BackoffPolicy } from './backoff.ts';
import { type CellContextReads, loadCellContexts } from './cell-context-loader.ts';
import { type CellContext, type CellValue, type ExecutorRegistry, failedCellValue, PermanentCellError } from './cell-executor.ts';
import { CompletionBuffer } from './completion-buffer.ts';
import { cellIds, reportEngineChange, type EngineChangeOutlets } from './engine-change-report.ts';
import { LeaseKeeper } from './lease-keeper.ts';
import { decideAfterFailure } from './retry-decision.ts';
import type { RunCapGuard } from './run-cap-guard.ts';

export interface CellWorkerOptions extends EngineChangeOutlets {
  /** The queue, and the table reads that build each cell's context. */
  store: QueueStore & CellContextReads;
  executors: ExecutorRegistry;
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
  /** Spending: records each answered cell's cost in its value, and stops runs that reach a cap. */
  spending?: WorkerSpending;
}

/** How a worker takes part in cost accounting and caps (`main.ts` wires the price table and the caps). */
export interface WorkerSpending {
  /** The value with `usage.cost` recorded, priced as the cell ends. */
  recordCost(value: CellValue): CellValue;
  /** Told of every batch of ended cells: checks their runs against their caps; claims wait for its checks. */
  capGuard: Pick<RunCapGuard, 'cellsEnded' | 'idle'>;
}

/**
 * Claims ready cells, runs each through its executor, and ends it. Invariant: a claimed cell
 * ends done, failed, retried or released on every path, including errors and shutdown.
 * The loop follows pg-boss's worker: claim while there is capacity and work, otherwise sleep
 * for the poll interval unless a wake-up came meanwhile (even one that arrived during the claim).
 */
export class CellWorker {
  private readonly now: () => number;
  private readonly leaseKeeper: LeaseKeeper;
  private readonly completions: CompletionBuffer;
  private readonly running = new Map<string, { controller: AbortController; cells: ClaimedCell[]; unfinished: number }>();
  private inFlight = 0;
  private isStopping = false;
  private isReleasing = false;
  /** A wake-up arrived since the loop last looked: claim again instead of sleeping. */
  private isWakeUpPending = false;
  /**
   * The last claim came back short: no ready cell was left for it. Capacity freed by cells
   * ending then waits for a wake-up (cells made ready) or the poll, instead of a claim per
   * ending batch that finds nothing (measured at the end of each run: empty claims that walk
   * the queue's index for nothing while the last endings wait for the database).
   */
  private isQueueDrained = false;
  /** A wake-up for cells made ready (not just for room to claim) arrived since the claim started. */
  private isReadyWakeUpPending = false;
  private wake: (() => void) | undefined;
  private onIdle: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: CellWorkerOptions) {
    this.now = options.now ?? Date.now;
    this.leaseKeeper = new LeaseKeeper(options.store, options.leaseMs, options.logger, this.now);
    this.completions = new CompletionBuffer(options.store, (change) => this.onChange(change), options.logger);
  }

  start(): void {
    if (this.loop) return;
    this.isStopping = false;
    this.isReleasing = false;
    this.stopping = undefined;
    this.isQueueDrained = false;
    this.unsubscribe = this.options.wakeUp.onCellsReady(() => this.notify());
    this.leaseKeeper.start();
    this.loop = this.run();
  }

  /** Cells may be ready: cut the idle wait short, or, if a claim is under way, claim again after it. */
  notify(): void {
    this.isQueueDrained = false;
    this.isReadyWakeUpPending = true;
    this.isWakeUpPending = true;
    this.wake?.();
  }

  /** Cells ended, so there is room to claim: worth a claim only while the queue was not found empty. */
  private capacityFreed(): void {
    if (this.isQueueDrained) return;
    this.isWakeUpPending = true;
    this.wake?.();
  }

  /**
   * Stop claiming, let running cells end (up to `timeoutMs`), then give back what is still held.
   * Idempotent: a second call returns the stop in flight. Right after start it returns as soon
   * as the claim under way (if any) has answered.
   */
  stop(options: { timeoutMs?: number } = {}): Promise<void> {
    if (!this.loop) return Promise.resolve();
    this.stopping ??= this.stopNow(options.timeoutMs ?? 30_000);
    return this.stopping;
  }

  private async stopNow(timeoutMs: number): Promise<void> {
    this.isStopping = true;
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
    await this.waitForIdle(timeoutMs);
    this.isReleasing = true;
    for (const { controller } of this.running.values()) controller.abort(new Error('worker stopping'));
    await this.completions.flush();
    const nowIso = new Date(this.now()).toISOString();
    for (const [leaseToken, { cells }] of this.running) {
      await this.options.store
        .releaseLease(leaseToken, nowIso)
        .catch((error) => this.options.logger.error({ err: error, leaseToken, cells: cellIds(cells) }, 'lease-release-failed'));
    }
    this.running.clear();
    this.leaseKeeper.stop();
    this.loop = undefined;
  }

  /** Resolves when no cell is executing, or after `timeoutMs` (real time, whatever clock the worker was given). */
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
      // Wake-ups from here on are for the next claim.
      this.isWakeUpPending = false;
      this.isReadyWakeUpPending = false;
      // A cap check under way (started by the last ending) is waited for before claiming again:
      // claiming meanwhile let a fast run end another batch past its cap before the check could
      // stop it (7 cells done under max_cells 4 at concurrency 2). Waiting keeps the promise that
      // a run overshoots a cap by at most the cells the workers held when it was reached.
      if (this.options.spending) await this.options.spending.capGuard.idle();
      const capacity = this.options.concurrency - this.inFlight;
      let hasClaimFailed = false;
      if (capacity > 0) {
        const limit = Math.min(capacity, this.options.claimBatchSize);
        const claimed = await this.claim(limit);
        if (claimed === undefined) hasClaimFailed = true;
        // Cells made ready during the claim may be ones it did not see: not drained then.
        else if (claimed.length < limit && !this.isReadyWakeUpPending) this.isQueueDrained = true;
        if (claimed !== undefined && claimed.length > 0) {
          void this.processBatch(claimed);
          // SQLite answers synchronously, so without this the loop would run on microtasks
          // alone and starve HTTP requests and timers for as long as there is work (measured:
          // a GET waited 3.5 s during a 30,000-cell run).
          await setImmediate();
          // A short claim took the last ready cells: the next claim waits for a wake-up or the poll.
          if (!this.isQueueDrained) continue;
        }
      }
      // A wake-up that came while the claim ran may be for cells the claim did not see yet
      // (measured before this check: such a cell waited a whole 5 s poll interval).
      if (this.isStopping || (this.isWakeUpPending && !hasClaimFailed)) continue;
      await this.sleep(hasClaimFailed);
    }
  }

  /** Wait one poll interval; a wake-up or stop cuts it short, except after a failed claim (no hot loop). */
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

  /** Claimed cells, or undefined when the claim failed. */
  private async claim(limit: number): Promise<ClaimedCell[] | undefined> {
    try {
      const nowMs = this.now();
      return await this.options.store.claimCells({
        limit,
        // Time-ordered, so each claim's entries land at the end of the lease-token index instead of
        // on a random page of it (see uuidV7); a token only has to differ from every other claim's.
        leaseToken: uuidV7(nowMs),
        leaseExpiresAt: nowMs + this.options.leaseMs,
        now: new Date(nowMs).toISOString(),
      });
    } catch (error) {
      // A failed claim falls back to the normal poll instead of hot-looping.
      this.options.logger.error({ err: error }, 'claim-failed');
      return undefined;
    }
  }

  private async processBatch(claimed: ClaimedCell[]): Promise<void> {
    const leaseToken = claimed[0]!.leaseToken;
    const controller = new AbortController();
    // Every cell of the batch listens on this one signal (through its agent's own signals).
    setMaxListeners(claimed.length * 4 + 10, controller.signal);
    const entry = { controller, cells: claimed, unfinished: claimed.length };
    this.running.set(leaseToken, entry);
    this.leaseKeeper.hold(leaseToken, entry);
    this.inFlight += claimed.length;
    const endOne = () => {
      this.inFlight -= 1;
      entry.unfinished -= 1;
      if (entry.unfinished === 0) {
        this.running.delete(leaseToken);
        this.leaseKeeper.release(leaseToken);
      }
      if (this.inFlight === 0) this.onIdle?.();
      this.capacityFreed();
    };
    let loaded: Awaited<ReturnType<typeof loadCellContexts>>;
    try {
      loaded = await loadCellContexts(this.options.store, claimed);
    } catch (error) {
      loaded = claimed.map((cell) => ({ claimed: cell, problem: `could not load the cell: ${coerceError(error).message}` }));
      this.options.logger.error({ err: error, cells: cellIds(claimed) }, 'context-load-failed');
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
      const value = this.options.spending ? this.options.spending.recordCost(result.value) : result.value;
      await this.completions.complete({
        ...outcome(cell, 'done', value, null),
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
          runId: cell.runId,
          runAfter: this.now() + decision.delayMs,
          error: error.message,
        });
        return;
      }
      // A failure after billed calls keeps their usage on the cell (priced like a done cell's), so
      // the run's cost, its caps and the usage report count them.
      const spent = failedCellValue(thrown instanceof PermanentCellError ? thrown.spent : undefined);
      const value = spent && this.options.spending ? this.options.spending.recordCost(spent) : spent;
      await this.completions.complete(outcome(cell, 'failed', value, decision.message));
    }
  }

  private onChange(change: EngineChange): void {
    reportEngineChange(this.options, change);
    this.options.spending?.capGuard.cellsEnded(change);
  }
}

function outcome(cell: ClaimedCell, status: 'done' | 'failed', value: unknown, error: string | null): CellOutcome {
  const ended: CellOutcome = {
    tableId: cell.tableId,
    rowId: cell.rowId,
    columnId: cell.columnId,
    leaseToken: cell.leaseToken,
    runId: cell.runId,
    status,
    value,
    error,
  };
  if (cell.storedRowKey !== undefined) ended.storedRowKey = cell.storedRowKey;
  return ended;
}
