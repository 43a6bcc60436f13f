import { useState, type FormEvent } from 'react';
import type { Column, TableKind } from '../api/api-types.ts';
import { Dialog } from '../common/dialog.tsx';
import { ErrorMessage } from '../common/error-message.tsx';
import { TABLE_KIND_DESCRIPTIONS } from '../tables/table-kinds.ts';
import { useRowUpload } from './use-row-upload.ts';

export interface PasteRowsDialogProps {
  tableId: string;
  tableKind: TableKind;
  inputColumns: Column[];
  onAdded(count: number): void;
  onClose(): void;
}

/** Paste a list, one value per line; each line becomes a row. */
export function PasteRowsDialog({ tableId, tableKind, inputColumns, onAdded, onClose }: PasteRowsDialogProps) {
  const [text, setText] = useState('');
  const [targetKey, setTargetKey] = useState(inputColumns[0]?.config.key ?? 'input');
  const [isRunAfter, setIsRunAfter] = useState(false);
  const { progress, error, upload, abort } = useRowUpload(tableId, onAdded, onClose);
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (lines.length === 0) return;
    await upload(
      lines.map((line) => ({ [targetKey]: line })),
      isRunAfter,
    );
  };

  return (
    <Dialog
      title="Add rows"
      onClose={() => {
        abort();
        onClose();
      }}
      testId="paste-rows-dialog"
    >
      <form className="stack" onSubmit={submit}>
        <label htmlFor="paste-rows">Paste a list: {TABLE_KIND_DESCRIPTIONS[tableKind].inputHint}</label>
        <textarea
          id="paste-rows"
          rows={10}
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder={tableKind === 'company' ? 'stripe.com\nnotion.so\nlinear.app' : ''}
          autoFocus
        />
        {inputColumns.length > 1 && (
          <>
            <label htmlFor="paste-target">Into column</label>
            <select id="paste-target" value={targetKey} onChange={(event) => setTargetKey(event.target.value)}>
              {inputColumns.map((column) => (
                <option key={column.id} value={column.config.key}>
                  {column.config.name}
                </option>
              ))}
            </select>
          </>
        )}
        <label className="checkbox">
          <input type="checkbox" checked={isRunAfter} onChange={(event) => setIsRunAfter(event.target.checked)} />
          Run the new rows straight away
        </label>
        {progress && (
          <p className="muted" data-testid="paste-progress">
            Added {progress.added.toLocaleString()} of {progress.total.toLocaleString()} rows…
          </p>
        )}
        <ErrorMessage error={error} title="Adding rows stopped." />
        <div className="dialog-actions">
          <span className="muted">{lines.length.toLocaleString()} rows</span>
          <button
            type="button"
            className="button"
            onClick={() => {
              abort();
              onClose();
            }}
          >
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={lines.length === 0 || progress !== null}>
            Add {lines.length.toLocaleString()} rows
          </button>
        </div>
      </form>
    </Dialog>
  );
}
