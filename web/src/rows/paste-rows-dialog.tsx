import { useMemo, useState, type FormEvent } from 'react';
import type { Column, TableKind } from '../api/api-types.ts';
import { countOf } from '../common/counts.ts';
import { Dialog } from '../common/dialog.tsx';
import { ErrorMessage } from '../common/error-message.tsx';
import { TABLE_KIND_DESCRIPTIONS } from '../tables/table-kinds.ts';
import { ColumnMappingEditor } from './column-mapping-editor.tsx';
import { guessMapping, mappingProblems, newColumnsOf, rowsFromRecords, sourceColumns, unnamedHeader, type MappingTarget } from './column-mapping.ts';
import { parseRecords } from './parse-csv.ts';
import { useRowUpload, type UploadResult } from './use-row-upload.ts';

export interface PasteRowsDialogProps {
  tableId: string;
  tableKind: TableKind;
  inputColumns: Column[];
  /** Every key of the table, so new columns get keys of their own. */
  allKeys: string[];
  onAdded(result: UploadResult): void;
  onClose(): void;
}

/** A first line naming columns: one of its cells names an input column of the table. */
function looksLikeHeader(firstLine: readonly string[], inputColumns: readonly Column[]): boolean {
  const normalise = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, '');
  const known = new Set(inputColumns.flatMap((column) => [normalise(column.config.key), normalise(column.config.name)]));
  return firstLine.some((cell) => known.has(normalise(cell)));
}

/**
 * Paste rows: a list (one value per line) into one column, or a block copied from a spreadsheet
 * (cells separated by tabs), whose columns fill input columns side by side — new ones created
 * for columns the table does not have yet.
 */
export function PasteRowsDialog({ tableId, tableKind, inputColumns, allKeys, onAdded, onClose }: PasteRowsDialogProps) {
  const [text, setText] = useState('');
  const [targetKey, setTargetKey] = useState(inputColumns[0]?.config.key ?? 'input');
  const [isRunAfter, setIsRunAfter] = useState(false);
  const [headerChoice, setHeaderChoice] = useState<boolean | null>(null);
  const [targetsChoice, setTargetsChoice] = useState<MappingTarget[] | null>(null);
  const { progress, error, upload, abort } = useRowUpload(tableId, onAdded, onClose);

  // Quotes only mean something in a block copied from a spreadsheet; a plain list is taken line by line as typed.
  const records = useMemo(
    () =>
      (text.includes('\t') ? parseRecords(text, '\t') : text.split(/\r?\n/).map((line) => [line])).filter((record) =>
        record.some((cell) => cell.trim() !== ''),
      ),
    [text],
  );
  const width = Math.max(0, ...records.map((record) => record.length));
  const isBlock = width > 1;
  const hasHeader = headerChoice ?? (isBlock && records[0] !== undefined && looksLikeHeader(records[0], inputColumns));
  const headers = isBlock ? Array.from({ length: width }, (_, index) => (hasHeader ? (records[0]![index] ?? '').trim() : unnamedHeader(index))) : [];
  const body = hasHeader ? records.slice(1) : records;
  const guessed = guessMapping(headers, inputColumns, hasHeader, allKeys);
  const targets = targetsChoice && targetsChoice.length === width ? targetsChoice : guessed;
  const rows = isBlock
    ? rowsFromRecords(body, targets)
    : body.map((record) => ({ [targetKey]: record.join('').trim() })).filter((row) => row[targetKey] !== '');
  const problems = isBlock ? mappingProblems(targets, new Map(inputColumns.map((column) => [column.config.key, column.config.name]))) : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (rows.length === 0 || problems.length > 0) return;
    await upload(rows, isRunAfter, isBlock ? newColumnsOf(targets) : []);
  };
  const close = () => {
    abort();
    onClose();
  };

  return (
    <Dialog title="Add rows" onClose={close} size={isBlock ? 'wide' : 'normal'} testId="paste-rows-dialog">
      <form className="stack" onSubmit={submit}>
        <label htmlFor="paste-rows">Paste a list: {TABLE_KIND_DESCRIPTIONS[tableKind].inputHint}. Cells copied from a spreadsheet fill several columns.</label>
        <textarea
          id="paste-rows"
          rows={10}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setTargetsChoice(null);
          }}
          placeholder={tableKind === 'company' ? 'stripe.com\nnotion.so\nlinear.app' : ''}
          data-autofocus
        />
        {isBlock ? (
          <>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={hasHeader}
                onChange={(event) => {
                  setHeaderChoice(event.target.checked);
                  setTargetsChoice(null);
                }}
              />
              The first line names the columns
            </label>
            <ColumnMappingEditor
              sources={sourceColumns(headers, body)}
              targets={targets}
              inputColumns={inputColumns}
              allKeys={allKeys}
              rows={rows}
              onChange={setTargetsChoice}
            />
            {problems.map((problem) => (
              <p key={problem} className="field-error" role="alert">
                {problem}
              </p>
            ))}
          </>
        ) : (
          inputColumns.length > 1 && (
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
          )
        )}
        <label className="checkbox">
          <input type="checkbox" checked={isRunAfter} onChange={(event) => setIsRunAfter(event.target.checked)} />
          Run the new rows straight away
        </label>
        {progress && (
          <p className="muted" data-testid="paste-progress">
            Added {progress.added.toLocaleString()} of {countOf(progress.total, 'row')}…
          </p>
        )}
        <ErrorMessage error={error} title="Adding rows stopped." />
        <div className="dialog-actions">
          <span className="muted">{countOf(rows.length, 'row')}</span>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={rows.length === 0 || problems.length > 0 || progress !== null}>
            Add {countOf(rows.length, 'row')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
