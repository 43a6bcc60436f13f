import type { Logger } from 'pino';
import type { CellOutcome, CellRetry, EngineChange, QueueStore } from '../store/queue-store.ts';
import { cellIds } from './engine-change-report.ts';

/**
 * Outcomes that are written at once without waiting for FLUSH_DELAY_MS. Large on purpose (a
 * worker never holds more than its concurrency): on PostgreSQL an ending statement cost ~11 ms
 * of which only ~4 ms grew with its 80 cells, so at 100 the per-statement part was most of the
 * engine's database time; outcomes arriving while a write runs now join the next one.
 */
const MAX_BATCH = 1000;
const FLUSH_DELAY_MS = 2;
const WRITE_ATTEMPTS = 3;

/**
 * Ends cells in batches: one transaction per batch instead of one per cell is what lets a
 * worker end thousands of cells a second. A batch waits at most FLUSH_DELAY_MS, so a
 * dependent cell still starts within milliseconds of its upstream ending.
 */
export class CompletionBuffer {
  private outcomes: { item: CellOutcome; done: () => void }[] = [];
  private retries: { item: CellRetry; done: () => void }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Pick<QueueStore, 'completeCells' | 'retryCells'>,
    private readonly onChange: (change: EngineChange) => void,
    private readonly logger: Logger,
  ) {}

  /** Resolves once the outcome is written (or given up on; then the lease expires and the reaper requeues it). */
  complete(outcome: CellOutcome): Promise<void> {
    return new Promise((done) => {
      this.outcomes.push({ item: outcome, done });
      this.schedule();
    });
  }

  retry(retry: CellRetry): Promise<void> {
    return new Promise((done) => {
      this.retries.push({ item: retry, done });
      this.schedule();
    });
  }

  /** Write everything buffered now. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const outcomes = this.outcomes.splice(0);
    const retries = this.retries.splice(0);
    if (outcomes.length === 0 && retries.length === 0) return this.flushing;
    this.flushing = this.flushing.then(() => this.write(outcomes, retries));
    return this.flushing;
  }

  private schedule(): void {
    if (this.outcomes.length + this.retries.length >= MAX_BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
  }

  private async write(outcomes: { item: CellOutcome; done: () => void }[], retries: { item: CellRetry; done: () => void }[]): Promise<void> {
    const now = new Date().toISOString();
    for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt += 1) {
      try {
        if (outcomes.length > 0)
          this.onChange(
            await this.store.completeCells(
              outcomes.map((entry) => entry.item),
              now,
            ),
          );
        if (retries.length > 0)
          this.onChange(
            await this.store.retryCells(
              retries.map((entry) => entry.item),
              now,
            ),
          );
        break;
      } catch (error) {
        // Transient database trouble (busy, connection reset): try again shortly. If it keeps
        // failing the leases expire and the reaper requeues the cells, so nothing is lost.
        const cells = cellIds([...outcomes, ...retries].map((entry) => entry.item));
        this.logger.error({ err: error, attempt, cells }, 'cell-write-failed');
        if (attempt < WRITE_ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
    for (const entry of [...outcomes, ...retries]) entry.done();
  }
}
