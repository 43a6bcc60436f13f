import { memo, useEffect, useRef, useState, type ReactNode } from 'react';
import type { CellData } from '../api/api-types.ts';
import { AnswerView } from './answer-view.tsx';
import { readCellValue, STATUS_LABELS } from './cell-value.ts';
import type { AnswerFormat } from './column-display.ts';
import { FailureText } from './failure-text.tsx';
import { formatFieldValue, isPlainObject } from './json-fields.ts';

export interface GridCellProps {
  cell: CellData | undefined;
  format: AnswerFormat;
  isInput: boolean;
  /** A field of the answer shown as its own column, or null for the whole answer. */
  field: string | null;
  isEditing: boolean;
  /** Text that replaces the value when editing started by typing (the key pressed), else null to edit the value. */
  editSeed: string | null;
  /** Where the cell is, for the callbacks (numbers, so the memo holds). */
  row: number;
  column: number;
  /** Ends inline editing: the new text, or null to cancel; `move` says where Enter or Tab takes the cursor. */
  onEndEdit(position: { row: number; column: number }, value: string | null, move: 'down' | 'right' | null): void;
  /** Go to the cell of the named column in this row (a failed dependency). */
  onFollowDependency(row: number, columnName: string): void;
}

/** What a cell shows: its status, or its answer once done. */
export const GridCellContent = memo(function GridCellContent(props: GridCellProps) {
  const { cell, format, isInput, field, isEditing, row, column } = props;
  if (isEditing) {
    return (
      <InputCellEditor
        initial={props.editSeed ?? inputText(cell)}
        original={inputText(cell)}
        onEnd={(value, move) => props.onEndEdit({ row, column }, value, move)}
      />
    );
  }
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
          <span className="status-detail">
            : <FailureText message={cell?.error} onFollow={(name) => props.onFollowDependency(row, name)} />
          </span>
        </span>
      );
    case 'done': {
      const answer = readCellValue(cell, false).answer;
      const content =
        field === null ? (
          <AnswerView answer={answer} format={format} layout="compact" />
        ) : isPlainObject(answer) && answer[field] !== undefined && answer[field] !== null ? (
          <span className="cell-text">{formatFieldValue(field, answer[field])}</span>
        ) : (
          <span className="cell-empty">—</span>
        );
      return cell?.out_of_date ? <OutOfDate reason={cell.out_of_date}>{content}</OutOfDate> : content;
    }
  }
});

/** An answer kept after what it was computed from changed: shown, marked, until a run recomputes it. */
function OutOfDate({ reason, children }: { reason: 'inputs' | 'config'; children: ReactNode }) {
  const why = reason === 'inputs' ? 'an input it reads changed' : "its column's prompt or settings changed";
  return (
    <span className="out-of-date" title={`Out of date: ${why} since it was computed. Re-run out-of-date answers to update it.`} data-out-of-date={reason}>
      <span className="out-of-date-mark" aria-label="Out of date">
        ⟳
      </span>
      {children}
    </span>
  );
}

/** An input cell's value as editable text (input values are stored raw, usually strings). */
export function inputText(cell: CellData | undefined): string {
  const value = cell?.value;
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Enter saves and moves down, Tab saves and moves right, Esc cancels, leaving the cell saves. */
function InputCellEditor({
  initial,
  original,
  onEnd,
}: {
  initial: string;
  original: string;
  onEnd(value: string | null, move: 'down' | 'right' | null): void;
}) {
  const [text, setText] = useState(initial);
  const reference = useRef<HTMLInputElement>(null);
  const isEnded = useRef(false);
  const isSeeded = initial !== original;
  useEffect(() => {
    const input = reference.current;
    if (!input) return;
    input.focus();
    // Started by typing: the caret goes after the typed character; started with F2 or a double-click, the value is selected.
    if (isSeeded) input.setSelectionRange(input.value.length, input.value.length);
    else input.select();
  }, [isSeeded]);
  const end = (value: string | null, move: 'down' | 'right' | null) => {
    if (isEnded.current) return;
    isEnded.current = true;
    onEnd(value === original ? null : value, move);
  };
  return (
    <input
      ref={reference}
      className="cell-editor"
      aria-label="Edit cell"
      value={text}
      onChange={(event) => setText(event.target.value)}
      onBlur={() => end(text, null)}
      onClick={(event) => event.stopPropagation()}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Enter') end(text, 'down');
        if (event.key === 'Tab') {
          event.preventDefault();
          end(text, 'right');
        }
        if (event.key === 'Escape') end(null, null);
      }}
    />
  );
}
