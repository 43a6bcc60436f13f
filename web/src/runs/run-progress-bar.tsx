import { useState } from 'react';
import type { TableStatus } from '../api/api-types.ts';
import { countOf } from '../common/counts.ts';
import { describeTimeLeft, type RunProgress } from './run-progress-estimate.ts';

export interface RunProgressBarProps {
  status: TableStatus;
  /** Progress of the active runs from their own counts; null before they were read, or when none is known. */
  progress: RunProgress | null;
  /** Cancels every active run of the table. */
  onCancel(): Promise<void>;
  /** How updates arrive, said in the bar so a slow refresh is not mistaken for a stall. */
  liveMode: 'connecting' | 'pushed' | 'polling';
}

/** Counts, a bar and the time left while a run goes; nothing while the table is idle. */
export function RunProgressBar({ status, progress, onCancel, liveMode }: RunProgressBarProps) {
  const [isCancelling, setIsCancelling] = useState(false);
  const isGoing = status.run_status === 'running' || (progress !== null && progress.remaining > 0);
  if (!isGoing) return null;
  const cancel = async () => {
    setIsCancelling(true);
    try {
      await onCancel();
    } finally {
      setIsCancelling(false);
    }
  };
  const percent = progress ? Math.floor(progress.fraction * 100) : 0;
  return (
    <div className="run-progress" role="status" data-testid="run-progress" data-finished={progress?.finished} data-total={progress?.total}>
      <div className="run-progress-text">
        <strong>Running</strong>
        <span data-testid="run-progress-counts">
          {progress ? (
            <>
              {progress.finished.toLocaleString()} of {countOf(progress.total, 'cell')} done
              {progress.failed > 0 ? ` · ${progress.failed.toLocaleString()} failed` : ''} · {progress.remaining.toLocaleString()} queued or running
            </>
          ) : (
            `${countOf(status.num_cells_in_progress, 'cell')} queued or running`
          )}
        </span>
        {progress && <span className="muted">{describeTimeLeft(progress.secondsLeft)}</span>}
        <span className="muted small">{liveMode === 'polling' ? 'refreshing every 2 s' : liveMode === 'pushed' ? 'live' : ''}</span>
      </div>
      <div className="progress-track" aria-label={`${percent}% done`}>
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <button type="button" className="button button-small" onClick={cancel} disabled={isCancelling}>
        {isCancelling ? 'Cancelling…' : 'Cancel run'}
      </button>
    </div>
  );
}
