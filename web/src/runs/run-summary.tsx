import type { Run } from '../api/api-types.ts';
import { countOf } from '../common/counts.ts';
import { formatDollars } from './dollars.ts';
import { describeAmount, describeDuration } from './run-progress-estimate.ts';

export interface RunSummaryProps {
  /** Runs that ended while the page watched them. */
  runs: Run[];
  onShowFailed(run: Run): void;
  onDismiss(): void;
}

/** What the run that just ended did: done, failed, how long, and what it spent on the model. */
export function RunSummary({ runs, onShowFailed, onDismiss }: RunSummaryProps) {
  if (runs.length === 0) return null;
  return (
    <div className="run-summary" role="status" data-testid="run-summary">
      <ul>
        {runs.map((run) => (
          <li key={run.id} data-run-id={run.id}>
            <strong>
              {run.status_reason
                ? 'Run stopped at a cap'
                : run.status === 'canceled'
                  ? 'Run cancelled'
                  : run.num_cells_failed > 0 && run.num_cells_done === 0
                    ? 'Run failed'
                    : 'Run finished'}
            </strong>{' '}
            after {describeDuration(run.duration_seconds)}: {countOf(run.num_cells_done, 'cell')} done
            {run.num_cells_failed > 0 ? (
              <>
                {' · '}
                <button type="button" className="button-link" onClick={() => onShowFailed(run)}>
                  {run.num_cells_failed.toLocaleString()} failed
                </button>
              </>
            ) : (
              ' · none failed'
            )}
            {run.usage.model_calls > 0 &&
              ` · ${countOf(run.usage.model_calls, 'model call')}, ${describeAmount(run.usage.input_tokens + run.usage.output_tokens)} tokens`}
            {run.usage.cost > 0 && ` · ${formatDollars(run.usage.cost)}`}
            {run.status_message && (
              <span className="muted" data-testid="run-status-message">
                {' '}
                ({run.status_message})
              </span>
            )}
          </li>
        ))}
      </ul>
      <button type="button" className="button button-quiet" aria-label="Dismiss the run summary" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
