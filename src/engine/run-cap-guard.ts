import type { Logger } from 'pino';
import type { EndedRun, EngineChange } from '../store/queue-store.ts';

/** Checks runs against their caps; answers the runs it stopped. */
export type CapCheck = (runs: { runId: string; tableId: string }[], now: string) => Promise<EndedRun[]>;

/**
 * Stops runs that reached a cap, checked after each batch of ended cells (a run-level check
 * beside the claim, not inside it). Checks run one at a time; runs whose cells end meanwhile
 * are checked next, so a busy run is checked once per batch, not once per cell. The cells
 * already claimed when the cap is reached still finish: a run overshoots by at most what the
 * workers hold at once (their concurrency). That bound holds because a worker waits for its
 * process's checks under way (`idle`) before it claims again.
 */
export class RunCapGuard {
  private pending = new Map<string, { runId: string; tableId: string }>();
  private checking: Promise<void> | undefined;

  constructor(
    private readonly check: CapCheck,
    private readonly onStopped: (change: EngineChange) => void,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Note the runs whose cells ended in this change. */
  cellsEnded(change: EngineChange): void {
    for (const cell of change.changedCells) {
      if (cell.runId) this.pending.set(cell.runId, { runId: cell.runId, tableId: cell.tableId });
    }
    if (this.pending.size > 0) this.checking ??= this.drain();
  }

  /** Resolves once the checks under way are over. */
  async idle(): Promise<void> {
    await this.checking;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.size > 0) {
        const runs = [...this.pending.values()];
        this.pending.clear();
        try {
          const ended = await this.check(runs, new Date(this.now()).toISOString());
          if (ended.length > 0) this.onStopped({ changedCells: [], failedCells: [], newlyReady: 0, endedRuns: ended, lostLeases: 0 });
        } catch (error) {
          // A failed check stops nothing this time; the next batch of the run checks again.
          this.logger.error({ err: error, runs: runs.map((run) => run.runId) }, 'run-cap-check-failed');
        }
      }
    } finally {
      this.checking = undefined;
    }
  }
}
