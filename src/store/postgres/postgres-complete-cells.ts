import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import { emptyEngineChange, type CellOutcome, type EngineChange } from '../queue-store.ts';
import { endDoneCellsPostgres } from './postgres-end-done-cells.ts';
import { endRunsWithNothingLeft } from './postgres-end-runs.ts';

/**
 * End a batch of cells in set-based statements: the done ones (nearly all of them) in one
 * statement, then their runs in one more once that has committed. Failed outcomes go through
 * `endFailed` (a transaction that fails dependents transitively and ends its own runs): they
 * are rare, and their messages name columns the statement would have to look up.
 */
export async function completeCellsPostgres(
  db: Kysely<Database>,
  outcomes: CellOutcome[],
  now: string,
  endFailed: (failed: CellOutcome[]) => Promise<EngineChange>,
): Promise<EngineChange> {
  const done = outcomes.filter((outcome) => outcome.status === 'done');
  const failed = outcomes.filter((outcome) => outcome.status !== 'done');
  const change = failed.length > 0 ? await endFailed(failed) : emptyEngineChange();
  if (done.length === 0) return change;
  const { ended, newlyReady } = await endDoneCellsPostgres(db, done, now);
  for (const cell of ended) change.changedCells.push(cell);
  change.newlyReady += newlyReady;
  change.lostLeases += done.length - ended.length;
  const runIds = [...new Set(ended.flatMap((cell) => (cell.runId ? [cell.runId] : [])))];
  for (const run of await endRunsWithNothingLeft(db, runIds, now)) change.endedRuns.push(run);
  return change;
}
