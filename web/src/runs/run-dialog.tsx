import { useEffect, useState, type FormEvent } from 'react';
import type { Column, RunEstimate, RunMode } from '../api/api-types.ts';
import { Dialog } from '../common/dialog.tsx';
import { ErrorMessage } from '../common/error-message.tsx';
import { formatDollars } from './dollars.ts';
import { RunEstimateSummary } from './run-estimate-summary.tsx';

export interface RunScope {
  /** Column ids, or null for every computed column. */
  columns: string[] | null;
  /** Row ids, or null for every row. */
  rows: string[] | null;
}

export interface RunDialogProps {
  computedColumns: Column[];
  selectedRowIds: string[];
  /** A column to preselect (from its header menu). */
  initialColumnId?: string;
  onRun(mode: RunMode, scope: RunScope): Promise<void>;
  /** The dry run of this choice: what it would queue and cost. */
  onEstimate(mode: RunMode, scope: RunScope): Promise<RunEstimate>;
  onClose(): void;
}

const MODES: { mode: RunMode; title: string; description: string }[] = [
  { mode: 'new', title: 'New cells', description: 'Only cells that were never run, or whose inputs changed. Nothing is paid for twice.' },
  { mode: 'failed', title: 'Failed cells', description: 'Try the failed cells again.' },
  { mode: 'all', title: 'All cells', description: 'Recompute every cell in scope, bypassing the cache.' },
];

/** Run new / failed / all cells, for the table, one column, and/or the selected rows. */
export function RunDialog({ computedColumns, selectedRowIds, initialColumnId, onRun, onEstimate, onClose }: RunDialogProps) {
  const [mode, setMode] = useState<RunMode>('new');
  const [columnId, setColumnId] = useState(initialColumnId ?? '');
  const [isSelectedRowsOnly, setIsSelectedRowsOnly] = useState(selectedRowIds.length > 0);
  const [error, setError] = useState<unknown>(null);
  const [isStarting, setIsStarting] = useState(false);
  const [estimate, setEstimate] = useState<RunEstimate | null>(null);
  const [isConfirmed, setIsConfirmed] = useState(false);
  const scopeKey = `${mode}|${columnId}|${isSelectedRowsOnly ? selectedRowIds.join(',') : ''}`;
  // Every change of scope (scopeKey: mode, column, rows) asks for a fresh estimate and confirmation.
  useEffect(() => {
    let isCurrent = true;
    setEstimate(null);
    setIsConfirmed(false);
    onEstimate(mode, { columns: columnId ? [columnId] : null, rows: isSelectedRowsOnly ? selectedRowIds : null }).then(
      (answer) => isCurrent && setEstimate(answer),
      (caught: unknown) => isCurrent && setError(caught),
    );
    return () => {
      isCurrent = false;
    };
  }, [scopeKey]);
  const needsConfirmation = estimate?.requires_confirmation === true;
  const canStart = !isStarting && estimate !== null && (!needsConfirmation || isConfirmed);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canStart) return;
    setIsStarting(true);
    setError(null);
    try {
      await onRun(mode, { columns: columnId ? [columnId] : null, rows: isSelectedRowsOnly ? selectedRowIds : null });
      onClose();
    } catch (caught) {
      setError(caught);
      setIsStarting(false);
    }
  };
  return (
    <Dialog title="Run" onClose={onClose} testId="run-dialog">
      <form className="stack" onSubmit={submit}>
        <fieldset className="kind-choices">
          <legend>Which cells?</legend>
          {MODES.map((option) => (
            <label key={option.mode} className={`kind-choice${option.mode === mode ? ' is-selected' : ''}`}>
              <input type="radio" name="mode" value={option.mode} checked={option.mode === mode} onChange={() => setMode(option.mode)} />
              <span>
                <strong>{option.title}</strong>
                <span className="muted small">{option.description}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <label htmlFor="run-column">Columns</label>
        <select id="run-column" value={columnId} onChange={(event) => setColumnId(event.target.value)}>
          <option value="">Every column</option>
          {computedColumns.map((column) => (
            <option key={column.id} value={column.id}>
              {column.config.name}
            </option>
          ))}
        </select>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={isSelectedRowsOnly}
            disabled={selectedRowIds.length === 0}
            onChange={(event) => setIsSelectedRowsOnly(event.target.checked)}
          />
          {selectedRowIds.length === 0 ? 'Only selected rows (select rows with their checkboxes first)' : `Only the ${selectedRowIds.length} selected rows`}
        </label>
        <p className="hint">Columns these cells depend on are run first when they were never computed.</p>
        {estimate ? <RunEstimateSummary estimate={estimate} /> : <p className="muted small">Estimating the cost…</p>}
        {needsConfirmation && (
          <label className="checkbox" data-testid="run-confirm">
            <input type="checkbox" checked={isConfirmed} onChange={(event) => setIsConfirmed(event.target.checked)} />
            {`This run may cost up to ${formatDollars(estimate.cost?.high ?? 0)}, above ${formatDollars(estimate.confirm_above)}: start it anyway`}
          </label>
        )}
        <ErrorMessage error={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!canStart}>
            {isStarting ? 'Starting…' : 'Start run'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
