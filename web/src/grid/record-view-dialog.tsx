import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Column, TableDataRow } from '../api/api-types.ts';
import { useSession } from '../auth/session-context.tsx';
import { Dialog } from '../common/dialog.tsx';
import { ErrorMessage } from '../common/error-message.tsx';
import { AnswerView } from './answer-view.tsx';
import { readCellValue, STATUS_LABELS } from './cell-value.ts';
import { answerFormatOf, describeColumn, isInputColumn } from './column-display.ts';
import { FailureText } from './failure-text.tsx';
import { inputText } from './grid-cell.tsx';
import type { RowPageCache } from './row-page-cache.ts';

/** The row to show: one at a position of the grid (prev/next work), or one by id (a failed cell's row from the runs dialog). */
export type RecordSource = { rowIndex: number } | { rowId: string };

export interface RecordViewDialogProps {
  tableId: string;
  /** The table's columns, in grid order. */
  columns: Column[];
  source: RecordSource;
  cache: RowPageCache;
  rowCount: number;
  /** Save an input value (undoable, like an edit in the grid). */
  onEditInput(row: Pick<TableDataRow, 'id' | 'data'>, key: string, value: string): Promise<void>;
  onNavigate(rowIndex: number): void;
  onClose(): void;
}

/** One row as a record: every column's value, one under the other, with inputs editable in place. */
export function RecordViewDialog({ tableId, columns, source, cache, rowCount, onEditInput, onNavigate, onClose }: RecordViewDialogProps) {
  const { api } = useSession();
  useSyncExternalStore(cache.subscribe, cache.getVersion);
  const [fetched, setFetched] = useState<Pick<TableDataRow, 'id' | 'data'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const rowId = 'rowId' in source ? source.rowId : null;
  useEffect(() => {
    if (rowId === null) return;
    let isCurrent = true;
    api.getRow(tableId, rowId).then(
      (row) => isCurrent && setFetched(row),
      (caught: unknown) => isCurrent && setError(caught),
    );
    return () => {
      isCurrent = false;
    };
  }, [api, tableId, rowId]);

  const row = 'rowIndex' in source ? cache.row(source.rowIndex) : fetched;
  const index = 'rowIndex' in source ? source.rowIndex : null;
  const title = index === null ? 'Row' : `Row ${(index + 1).toLocaleString()}`;

  return (
    <Dialog title={title} onClose={onClose} size="wide" testId="record-view">
      <ErrorMessage error={error} title="Could not read the row." />
      {!row && !error && <p className="muted">Loading the row…</p>}
      {row && (
        <dl className="record-fields">
          {columns.map((column) => (
            <RecordField
              key={column.id}
              column={column}
              row={row}
              onSave={(value) => onEditInput(row, column.config.key, value)}
              onFollow={(name) => document.querySelector<HTMLElement>(`[data-record-field="${CSS.escape(name)}"]`)?.scrollIntoView({ block: 'center' })}
            />
          ))}
        </dl>
      )}
      {index !== null && (
        <div className="dialog-actions">
          <button type="button" className="button" disabled={index === 0} onClick={() => onNavigate(index - 1)}>
            ← Previous row
          </button>
          <button type="button" className="button" disabled={index >= rowCount - 1} onClick={() => onNavigate(index + 1)}>
            Next row →
          </button>
        </div>
      )}
    </Dialog>
  );
}

function RecordField({
  column,
  row,
  onSave,
  onFollow,
}: {
  column: Column;
  row: Pick<TableDataRow, 'id' | 'data'>;
  onSave(value: string): Promise<void>;
  onFollow(columnName: string): void;
}) {
  const cell = row.data[column.config.key];
  const isInput = isInputColumn(column);
  return (
    <div className="record-field" data-record-field={column.config.name}>
      <dt>
        <span>{column.config.name}</span>
        <span className="muted small">{describeColumn(column.config).join(' · ')}</span>
      </dt>
      <dd>
        {isInput ? (
          <InputField key={`${row.id}:${inputText(cell)}`} label={column.config.name} initial={inputText(cell)} onSave={onSave} />
        ) : (
          <ComputedValue cell={cell} column={column} onFollow={onFollow} />
        )}
      </dd>
    </div>
  );
}

function ComputedValue({ cell, column, onFollow }: { cell: TableDataRow['data'][string] | undefined; column: Column; onFollow(name: string): void }) {
  const status = cell?.status ?? 'created';
  if (status === 'failed') {
    return (
      <span className="status-failed-text">
        <FailureText message={cell?.error} onFollow={onFollow} />
      </span>
    );
  }
  if (status !== 'done') return <span className={`status status-${status.replace('_', '-')}`}>{STATUS_LABELS[status]}</span>;
  const parts = readCellValue(cell, false);
  return (
    <>
      <AnswerView answer={parts.answer} format={answerFormatOf(column.config)} layout="full" />
      {parts.explanation && <p className="muted small record-explanation">{parts.explanation}</p>}
    </>
  );
}

/** An input value, saved when it loses focus or on Enter (Esc puts the saved value back). */
function InputField({ label, initial, onSave }: { label: string; initial: string; onSave(value: string): Promise<void> }) {
  const [text, setText] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const save = async () => {
    if (text === initial) return;
    setError(null);
    try {
      await onSave(text);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <>
      <input
        className="record-input"
        aria-label={label}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => void save()}
        onKeyDown={(event) => {
          if (event.key === 'Enter') void save();
          if (event.key === 'Escape' && text !== initial) {
            event.stopPropagation();
            setText(initial);
          }
        }}
      />
      <ErrorMessage error={error} title={`Could not save ${label}.`} />
    </>
  );
}
