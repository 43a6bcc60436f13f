import { useState } from 'react';
import type { Column, Run } from '../api/api-types.ts';
import { useSession } from '../auth/session-context.tsx';
import { countOf } from '../common/counts.ts';
import { Dialog } from '../common/dialog.tsx';
import { ErrorMessage } from '../common/error-message.tsx';
import { useLoader } from '../common/use-loader.ts';
import { FailedCellsList } from './failed-cells-list.tsx';
import { describeAmount, describeDuration } from './run-progress-estimate.ts';
import { isActiveRun } from './use-run-tracking.ts';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export interface RunsDialogProps {
  tableId: string;
  columns: Column[];
  labelColumn: Column | undefined;
  /** Open with this run's failed cells shown. */
  initialRun?: Run;
  onClose(): void;
  onCancelled(): void;
  onOpenRow(rowId: string): void;
}

/** "every column, 3 rows". */
function describeScope(run: Run): string {
  const columns = run.columns ? countOf(run.columns.length, 'column') : 'every column';
  const rows = run.rows ? countOf(run.rows.length, 'row') : 'every row';
  return `${columns}, ${rows}`;
}

/** The table's recent runs, newest first, with what each did; a run's failed cells open from its count. */
export function RunsDialog({ tableId, columns, labelColumn, initialRun, onClose, onCancelled, onOpenRow }: RunsDialogProps) {
  const { api } = useSession();
  const runs = useLoader(tableId, (signal) => api.listRuns(tableId, signal));
  const [error, setError] = useState<unknown>(null);
  const [failedOf, setFailedOf] = useState<Run | null>(initialRun ?? null);
  const cancel = async (run: Run) => {
    setError(null);
    try {
      await api.cancelRun(tableId, run.id);
      runs.reload();
      onCancelled();
    } catch (caught) {
      setError(caught);
    }
  };
  if (failedOf) {
    return (
      <Dialog title={`Failed cells of the run of ${timeFormat.format(new Date(failedOf.created_at))}`} onClose={onClose} size="wide" testId="runs-dialog">
        <button type="button" className="button-link" onClick={() => setFailedOf(null)}>
          ← All runs
        </button>
        <FailedCellsList tableId={tableId} run={failedOf} columns={columns} labelColumn={labelColumn} onOpenRow={onOpenRow} />
      </Dialog>
    );
  }
  return (
    <Dialog title="Runs" onClose={onClose} size="wide" testId="runs-dialog">
      <ErrorMessage error={runs.error ?? error} />
      {runs.data && runs.data.length === 0 && <p className="muted">No run yet. Press Run to fill the table's columns.</p>}
      {runs.data && runs.data.length > 0 && (
        <table className="runs-list">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Cells</th>
              <th scope="col">Status</th>
              <th scope="col">Done</th>
              <th scope="col">Failed</th>
              <th scope="col">Time</th>
              <th scope="col">Model</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {runs.data.map((run) => (
              <tr key={run.id} data-run-id={run.id}>
                <td>{timeFormat.format(new Date(run.created_at))}</td>
                <td>
                  {countOf(run.num_requested_cells, `${run.mode} cell`)}
                  <div className="muted small">{describeScope(run)}</div>
                </td>
                <td>
                  {run.status.replace('_', ' ')}
                  {isActiveRun(run) && run.num_cells_remaining > 0 && <div className="muted small">{run.num_cells_remaining.toLocaleString()} to go</div>}
                </td>
                <td className="number" data-testid="run-done">
                  {run.num_cells_done.toLocaleString()}
                </td>
                <td className="number" data-testid="run-failed">
                  {run.num_cells_failed > 0 ? (
                    <button type="button" className="button-link" onClick={() => setFailedOf(run)}>
                      {run.num_cells_failed.toLocaleString()} failed
                    </button>
                  ) : (
                    '0'
                  )}
                </td>
                <td>{describeDuration(run.duration_seconds)}</td>
                <td className="muted small">
                  {run.usage.model_calls > 0
                    ? `${countOf(run.usage.model_calls, 'call')}, ${describeAmount(run.usage.input_tokens + run.usage.output_tokens)} tokens`
                    : '—'}
                </td>
                <td>
                  {isActiveRun(run) && (
                    <button type="button" className="button button-small" onClick={() => cancel(run)}>
                      Cancel
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
