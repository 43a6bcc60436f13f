import { useState, type FormEvent } from 'react';
import type { Column, RunMode } from '../api/api-types.ts';
import { Dialog } from '../common/dialog.tsx';
import { ErrorMessage } from '../common/error-message.tsx';

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
  onClose(): void;
}

const MODES: { mode: RunMode; title: string; description: string }[] = [
  { mode: 'new', title: 'New cells', description: 'Only cells that were never run, or whose inputs changed. Nothing is paid for twice.' },
  { mode: 'failed', title: 'Failed cells', description: 'Try the failed cells again.' },
  { mode: 'all', title: 'All cells', description: 'Recompute every cell in scope, bypassing the cache.' },
];

/** Run new / failed / all cells, for the table, one column, and/or the selected rows. */
export function RunDialog({ computedColumns, selectedRowIds, initialColumnId, onRun, onClose }: RunDialogProps) {
  const [mode, setMode] = useState<RunMode>('new');
  const [columnId, setColumnId] = useState(initialColumnId ?? '');
  const [isSelectedRowsOnly, setIsSelectedRowsOnly] = useState(selectedRowIds.length > 0);
  const [error, setError] = useState<unknown>(null);
  const [isStarting, setIsStarting] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
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
        <ErrorMessage error={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={isStarting}>
            {isStarting ? 'Starting…' : 'Start run'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
