import { useState } from 'react';
import type { TableStatus } from '../api/api-types.ts';
import { describeTimeLeft } from './run-progress-estimate.ts';
import { useRunProgress } from './use-run-progress.ts';

export interface RunProgressBarProps {
  status: TableStatus;
  /** Cancels every active run of the table. */
  onCancel(): Promise<void>;
  /** How updates arrive, said in the bar so a slow refresh is not mistaken for a stall. */
  liveMode: 'connecting' | 'pushed' | 'polling';
}

/** Counts, a bar and the time left while a run goes; nothing while the table is idle. */
export function RunProgressBar({ status, onCancel, liveMode }: RunProgressBarProps) {
  const progress = useRunProgress(status);
  const [isCancelling, setIsCancelling] = useState(false);
  if (!progress) return null;
  const cancel = async () => {
    setIsCancelling(true);
    try {
      await onCancel();
    } finally {
      setIsCancelling(false);
    }
  };
  const percent = Math.round(progress.fraction * 100);
  return (
    <div className="run-progress" role="status" data-testid="run-progress">
      <div className="run-progress-text">
        <strong>Running</strong>
        <span data-testid="run-progress-counts">
          {progress.finished.toLocaleString()} of {(progress.finished + progress.remaining).toLocaleString()} cells done
          {progress.failed > 0 ? ` · ${progress.failed.toLocaleString()} failed in the table` : ''} · {progress.remaining.toLocaleString()} queued or running
        </span>
        <span className="muted">{describeTimeLeft(progress.secondsLeft)}</span>
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
