import { abortableSleep } from '../sdk/abortable-sleep.ts';
import type { FathomClient, Run } from '../sdk/index.ts';
import { CliRunIncompleteError, EXIT_INTERRUPTED } from './cli-errors.ts';
import { formatElapsed } from './human-table.ts';
import { createProgressLine, formatCount } from './progress-line.ts';

export interface FollowRunOptions {
  /** Time between polls of the run. */
  intervalMs: number;
  /** Where the progress goes; default stderr (stdout carries the run's JSON). */
  stream?: NodeJS.WriteStream;
  isInteractive?: boolean;
}

/** Whether a run may still change: it ends done, failed or canceled. */
export function isRunGoing(run: Pick<Run, 'status'>): boolean {
  return run.status === 'created' || run.status === 'in_progress';
}

/**
 * `--wait` after a run was started: poll the run itself (its own counts, not the table's, so
 * another run in the same table neither stretches nor hides this one) until it ends, drawing
 * progress; then say what it did. Resolves with the ended run when every cell is done; rejects
 * with CliRunIncompleteError (exit 4) when cells failed or the run was cancelled. Ctrl-C stops
 * waiting, not the run: it says so, and how to stop the run, and exits 130.
 */
export async function followRun(client: FathomClient, tableId: string, started: Run, options: FollowRunOptions): Promise<Run> {
  const stream = options.stream ?? process.stderr;
  const line = createProgressLine({ unit: 'cells', stream, isInteractive: options.isInteractive });
  const interrupted = new AbortController();
  const onInterrupt = () => interrupted.abort();
  process.once('SIGINT', onInterrupt);
  let run = started;
  try {
    while (isRunGoing(run)) {
      line.update(snapshotOf(run));
      await abortableSleep(options.intervalMs, interrupted.signal);
      run = await client.runs.get(tableId, run.id);
    }
  } catch (error) {
    if (!interrupted.signal.aborted) {
      line.end();
      throw error;
    }
    line.end(
      `stopped waiting; run ${run.id} goes on on the server (${formatCount(run.num_cells_remaining)} cells left). ` +
        `Follow it with \`fathom tables watch ${tableId}\`, stop it with \`fathom runs cancel ${tableId}\`.`,
    );
    process.exit(EXIT_INTERRUPTED);
  } finally {
    process.off('SIGINT', onInterrupt);
  }
  if (run.num_requested_cells > 0) line.update(snapshotOf(run));
  line.end(describeEndedRun(run));
  if (run.status === 'canceled' || run.num_cells_failed > 0) throw incompleteRun(tableId, run);
  return run;
}

function snapshotOf(run: Run) {
  const finished = run.num_cells_done + run.num_cells_failed;
  return { done: finished, total: finished + run.num_cells_remaining, failed: run.num_cells_failed };
}

/** `run 0193… done in 12.4 s: 118 cells done · 2 failed · 120 model calls · 48,210 tokens`. */
export function describeEndedRun(run: Run): string {
  if (run.num_requested_cells === 0) return `run ${run.id}: nothing to run (no cell in its scope matched mode "${run.mode}")`;
  const parts = [`${formatCount(run.num_cells_done)} cells done`, `${formatCount(run.num_cells_failed)} failed`];
  if (run.usage.model_calls > 0) {
    parts.push(`${formatCount(run.usage.model_calls)} model calls`, `${formatCount(run.usage.input_tokens + run.usage.output_tokens)} tokens`);
  }
  const status = run.status === 'canceled' ? 'was cancelled after' : `${run.status} in`;
  return `run ${run.id} ${status} ${formatElapsed(run.duration_seconds)}: ${parts.join(' · ')}`;
}

function incompleteRun(tableId: string, run: Run): CliRunIncompleteError {
  const failed =
    run.num_cells_failed > 0
      ? `${formatCount(run.num_cells_failed)} ${run.num_cells_failed === 1 ? 'cell' : 'cells'} failed: see why with ` +
        `\`fathom runs failed-cells ${tableId} ${run.id}\`, run ${run.num_cells_failed === 1 ? 'it' : 'them'} again with \`fathom tables run ${tableId} --mode failed\``
      : '';
  const cancelled = run.status === 'canceled' ? `run ${run.id} was cancelled before every cell was computed` : '';
  return new CliRunIncompleteError([cancelled, failed].filter(Boolean).join('; '), run);
}
