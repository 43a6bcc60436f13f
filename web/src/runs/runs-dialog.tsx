import { useState } from 'react';
import type { Run } from '../api/api-types.ts';
import { useSession } from '../auth/session-context.tsx';
import { Dialog } from '../common/dialog.tsx';
import { ErrorMessage } from '../common/error-message.tsx';
import { useLoader } from '../common/use-loader.ts';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });

export function isActiveRun(run: Run): boolean {
  return run.status === 'created' || run.status === 'in_progress';
}

/** The table's recent runs, newest first, with a cancel button on those still going. */
export function RunsDialog({ tableId, onClose, onCancelled }: { tableId: string; onClose(): void; onCancelled(): void }) {
  const { api } = useSession();
  const runs = useLoader(tableId, (signal) => api.listRuns(tableId, signal));
  const [error, setError] = useState<unknown>(null);
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
              <th scope="col">Scope</th>
              <th scope="col">Status</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {runs.data.map((run) => (
              <tr key={run.id}>
                <td>{timeFormat.format(new Date(run.created_at))}</td>
                <td>
                  {run.num_requested_cells.toLocaleString()} {run.mode} cells
                </td>
                <td>
                  {run.columns ? `${run.columns.length} column${run.columns.length === 1 ? '' : 's'}` : 'every column'},{' '}
                  {run.rows ? `${run.rows.length} row${run.rows.length === 1 ? '' : 's'}` : 'every row'}
                </td>
                <td>{run.status.replace('_', ' ')}</td>
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
