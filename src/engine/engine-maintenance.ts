import type { Logger } from 'pino';
import type { EngineChange, Store } from '../store/store.ts';

export interface EngineMaintenanceOptions {
  store: Store;
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
    const nowMs = (this.options.now ?? Date.now)();
    const change = await this.options.store.reapExpiredLeases({
      nowMs,
      now: new Date(nowMs).toISOString(),
      maxAttempts: this.options.maxAttempts,
      limit: BATCH_LIMIT,
    });
    if (change.changedCells.length > 0) this.options.logger.info({ cells: change.changedCells.length }, 'leases-reaped');
    this.options.onChange(change);
    return change;
  }

  async sweepOnce(tableId?: string): Promise<EngineChange> {
    const now = new Date((this.options.now ?? Date.now)()).toISOString();
    const change = await this.options.store.sweepWaitingCells({ now, limit: BATCH_LIMIT, ...(tableId ? { tableId } : {}) });
    this.options.onChange(change);
    return change;
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
