import { memo, useEffect, useRef, useState } from 'react';
import type { CellData } from '../api/api-types.ts';
import { AnswerView } from './answer-view.tsx';
import { readCellValue, STATUS_LABELS } from './cell-value.ts';
import type { AnswerFormat } from './column-display.ts';

export interface GridCellProps {
  cell: CellData | undefined;
  format: AnswerFormat;
  isInput: boolean;
  isEditing: boolean;
  /** Where the cell is, for onEndEdit (numbers, so the memo holds). */
  row: number;
  column: number;
  /** Ends inline editing: the new text, or null to cancel. */
  onEndEdit(position: { row: number; column: number }, value: string | null): void;
}

/** What a cell shows: its status, or its answer once done. */
export const GridCellContent = memo(function GridCellContent({ cell, format, isInput, isEditing, row, column, onEndEdit }: GridCellProps) {
  if (isEditing) return <InputCellEditor initial={inputText(cell)} onEnd={(value) => onEndEdit({ row, column }, value)} />;
  if (isInput) {
    const text = inputText(cell);
    return text === '' ? <span className="cell-empty">Empty</span> : <span className="cell-text">{text}</span>;
  }
  const status = cell?.status ?? 'created';
  switch (status) {
    case 'created':
      return <span className="status status-created">{STATUS_LABELS.created}</span>;
    case 'requested':
      return <span className="status status-requested">{STATUS_LABELS.requested}</span>;
    case 'in_progress':
      return (
        <span className="status status-in-progress">
          <span className="spinner" aria-hidden="true" />
          {STATUS_LABELS.in_progress}
        </span>
      );
    case 'failed':
      return (
        <span className="status status-failed" title={cell?.error ?? undefined}>
          {STATUS_LABELS.failed}
          {cell?.error ? <span className="status-detail">: {cell.error}</span> : null}
        </span>
      );
    case 'done':
      return <AnswerView answer={readCellValue(cell, false).answer} format={format} layout="compact" />;
  }
});

/** An input cell's value as editable text (input values are stored raw, usually strings). */
export function inputText(cell: CellData | undefined): string {
  const value = cell?.value;
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Enter saves, Esc cancels, leaving the cell saves. */
function InputCellEditor({ initial, onEnd }: { initial: string; onEnd(value: string | null): void }) {
  const [text, setText] = useState(initial);
  const reference = useRef<HTMLInputElement>(null);
  const isEnded = useRef(false);
  useEffect(() => {
    reference.current?.focus();
    reference.current?.select();
  }, []);
  const end = (value: string | null) => {
    if (isEnded.current) return;
    isEnded.current = true;
    onEnd(value === initial ? null : value);
  };
  return (
    <input
      ref={reference}
      className="cell-editor"
      aria-label="Edit cell"
      value={text}
      onChange={(event) => setText(event.target.value)}
      onBlur={() => end(text)}
      onClick={(event) => event.stopPropagation()}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Enter') end(text);
        if (event.key === 'Escape') end(null);
      }}
    />
  );
}
