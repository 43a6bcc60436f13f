import { useState, type FormEvent } from 'react';
import type { Column } from '../api/api-types.ts';
import { countOf } from '../common/counts.ts';
import { Dialog } from '../common/dialog.tsx';
import { ErrorMessage } from '../common/error-message.tsx';
import { ColumnMappingEditor } from './column-mapping-editor.tsx';
import { guessMapping, mappingProblems, newColumnsOf, rowsFromRecords, sourceColumns, type MappingTarget } from './column-mapping.ts';
import { parseCsv, type ParsedCsv } from './parse-csv.ts';
import { useRowUpload, type UploadResult } from './use-row-upload.ts';

export interface CsvImportDialogProps {
  tableId: string;
  inputColumns: Column[];
  /** Every key of the table, so new columns get keys of their own. */
  allKeys: string[];
  onAdded(result: UploadResult): void;
  onClose(): void;
}

/**
 * Import a CSV: each of its columns fills an input column, becomes a new input column (named
 * after its header), or is left out; a preview shows the first rows as they will be added.
 */
export function CsvImportDialog({ tableId, inputColumns, allKeys, onAdded, onClose }: CsvImportDialogProps) {
  const [csv, setCsv] = useState<(ParsedCsv & { fileName: string }) | null>(null);
  const [targets, setTargets] = useState<MappingTarget[]>([]);
  const [isRunAfter, setIsRunAfter] = useState(false);
  const { progress, error: uploadError, upload, abort } = useRowUpload(tableId, onAdded, onClose);
  const [fileError, setFileError] = useState<unknown>(null);
  const error = fileError ?? uploadError;

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setFileError(null);
    try {
      const parsed = parseCsv(await file.text());
      if (parsed.header.length === 0) throw new Error(`${file.name} is empty`);
      setCsv({ ...parsed, fileName: file.name });
      setTargets(guessMapping(parsed.header, inputColumns, true, allKeys));
    } catch (caught) {
      setFileError(caught);
    }
  };

  const rows = csv ? rowsFromRecords(csv.records, targets) : [];
  const problems = csv ? mappingProblems(targets, new Map(inputColumns.map((column) => [column.config.key, column.config.name]))) : [];
  const newColumns = newColumnsOf(targets);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (problems.length > 0) return;
    await upload(rows, isRunAfter, newColumns);
  };
  const close = () => {
    abort();
    onClose();
  };

  return (
    <Dialog title="Import a CSV" onClose={close} size="wide" testId="csv-import-dialog">
      <form className="stack" onSubmit={submit}>
        <label htmlFor="csv-file">CSV file (the first line names the columns)</label>
        <input id="csv-file" type="file" accept=".csv,.tsv,text/csv,text/tab-separated-values" onChange={(event) => readFile(event.target.files?.[0])} />
        {csv && (
          <>
            <p className="muted">
              {csv.fileName}: {countOf(csv.records.length, 'row')}, {countOf(csv.header.length, 'column')}
              {newColumns.length > 0 && ` · ${countOf(newColumns.length, 'new input column')} will be added to the table`}
            </p>
            <ColumnMappingEditor
              sources={sourceColumns(csv.header, csv.records)}
              targets={targets}
              inputColumns={inputColumns}
              allKeys={allKeys}
              rows={rows}
              onChange={setTargets}
            />
            {problems.map((problem) => (
              <p key={problem} className="field-error" role="alert">
                {problem}
              </p>
            ))}
            <label className="checkbox">
              <input type="checkbox" checked={isRunAfter} onChange={(event) => setIsRunAfter(event.target.checked)} />
              Run the new rows straight away
            </label>
          </>
        )}
        {progress && (
          <p className="muted">
            Added {progress.added.toLocaleString()} of {countOf(progress.total, 'row')}…
          </p>
        )}
        <ErrorMessage error={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={rows.length === 0 || problems.length > 0 || progress !== null}>
            Import {countOf(rows.length, 'row')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
