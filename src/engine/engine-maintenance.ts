import type { Logger } from 'pino';
import type { EngineChange, QueueStore } from '../store/queue-store.ts';
import { cellIds } from './engine-change-report.ts';

export interface EngineMaintenanceOptions {
  store: Pick<QueueStore, 'reapExpiredLeases' | 'requeueHeldCells' | 'sweepWaitingCells'>;
  logger: Logger;
  maxAttempts: number;
  /** How often expired leases are reaped. */
  reapIntervalMs: number;
  /** How often waiting cells are checked for dependencies that can no longer finish. */
  sweepIntervalMs: number;
  onChange(change: EngineChange): void;
  now?: () => number;
}

const BATCH_LIMIT = 1_000;

/**
 * The reaper and the waiting-cell sweep on their own timers, apart from the claim loop
 * (BullMQ's stalled-job checker), so no cell stays in_progress and no run stays running forever.
 */
export class EngineMaintenance {
  private timers: NodeJS.Timeout[] = [];
  private isRunning = false;

  constructor(private readonly options: EngineMaintenanceOptions) {}

  start(): void {
    if (this.timers.length > 0) return;
    this.timers.push(setInterval(() => void this.guarded('reap', () => this.reapOnce()), this.options.reapIntervalMs));
    this.timers.push(setInterval(() => void this.guarded('sweep', () => this.sweepOnce()), this.options.sweepIntervalMs));
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  async reapOnce(): Promise<EngineChange> {
    const nowMs = this.now();
    const change = await this.options.store.reapExpiredLeases({
      nowMs,
      now: new Date(nowMs).toISOString(),
      maxAttempts: this.options.maxAttempts,
      limit: BATCH_LIMIT,
    });
    if (change.changedCells.length > 0) this.options.logger.info({ cells: cellIds(change.changedCells) }, 'leases-reaped');
    this.options.onChange(change);
    return change;
  }

  /**
   * Requeue every held cell at once (or fail it once its attempts are spent): for a process that
   * knows it is the only one that can hold leases (SQLite), so whoever held them before it started
   * is gone, and waiting out their leases would only delay the work (121 s for an 8-cell run).
   */
  async requeueHeldCells(): Promise<number> {
    let requeued = 0;
    for (;;) {
      const change = await this.options.store.requeueHeldCells({
        now: new Date(this.now()).toISOString(),
        maxAttempts: this.options.maxAttempts,
        limit: BATCH_LIMIT,
      });
      if (change.changedCells.length === 0) return requeued;
      requeued += change.changedCells.length - change.failedCells.length;
      this.options.logger.info({ cells: cellIds(change.changedCells) }, 'held-cells-requeued-at-start');
      this.options.onChange(change);
    }
  }

  async sweepOnce(tableId?: string): Promise<EngineChange> {
    const now = new Date(this.now()).toISOString();
    const change = await this.options.store.sweepWaitingCells({ now, limit: BATCH_LIMIT, ...(tableId ? { tableId } : {}) });
    this.options.onChange(change);
    return change;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async guarded(name: string, work: () => Promise<unknown>): Promise<void> {
    if (this.isRunning) return;
    this.isRunning = true;
    try {
      await work();
    } catch (error) {
      this.options.logger.error({ err: error, task: name }, 'maintenance-failed');
    } finally {
      this.isRunning = false;
    }
  }
}
