import type { Kysely } from 'kysely';
import type { CellCounts } from '../../domain/records.ts';
import type { Database } from '../database-schema.ts';
import { emptyEngineChange, type ChangedCell, type EngineChange } from '../queue-store.ts';
import { applyCellCountDeltas } from './cell-counters.ts';
import { endFinishedRuns } from './run-end-queries.ts';

/**
 * Collects what one engine transaction changed: the cells (for live updates and logs), the
 * counter deltas per table, and the runs that may have ended. `finish` writes the bookkeeping.
 */
export class EngineChangeRecorder {
  readonly change: EngineChange = emptyEngineChange();
  private readonly deltas = new Map<string, Partial<CellCounts>>();
  private readonly runsToCheck = new Set<string>();

  /** A cell moved between two statuses (a requeue, a retry). */
  moved(cell: ChangedCell, from: keyof CellCounts, to: keyof CellCounts): void {
    this.add(cell.tableId, from, -1);
    this.add(cell.tableId, to, 1);
    this.change.changedCells.push(cell);
  }

  /** A cell ended (done or failed): its run may be over. */
  ended(cell: ChangedCell, from: keyof CellCounts, to: 'done' | 'failed', error: string | null): void {
    this.moved(cell, from, to);
    if (to === 'failed') this.change.failedCells.push({ ...cell, error: error ?? 'failed' });
    if (cell.runId) this.runsToCheck.add(cell.runId);
  }

  /** Also end these runs in `finish` if nothing of theirs is queued or running. */
  checkRuns(runIds: Iterable<string>): void {
    for (const runId of runIds) this.runsToCheck.add(runId);
  }

  /** End the runs left with nothing queued or running, then move the counters. */
  async finish(db: Kysely<Database>, now: string): Promise<EngineChange> {
    this.change.endedRuns = await endFinishedRuns(db, this.runsToCheck, now);
    // Counters last: their rows are the most contended, so they are locked for the shortest time.
    for (const [tableId, delta] of this.deltas) await applyCellCountDeltas(db, tableId, delta);
    return this.change;
  }

  private add(tableId: string, status: keyof CellCounts, amount: number): void {
    const entry = this.deltas.get(tableId) ?? {};
    entry[status] = (entry[status] ?? 0) + amount;
    this.deltas.set(tableId, entry);
  }
}
