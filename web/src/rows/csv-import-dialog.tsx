import { useState, type FormEvent } from 'react';
import type { Column } from '../api/api-types.ts';
import { Dialog } from '../common/dialog.tsx';
import { ErrorMessage } from '../common/error-message.tsx';
import { useRowUpload } from './use-row-upload.ts';
import { parseCsv, type ParsedCsv } from './parse-csv.ts';

export interface CsvImportDialogProps {
  tableId: string;
  inputColumns: Column[];
  onAdded(count: number): void;
  onClose(): void;
}

const PREVIEW_ROWS = 5;

/** A CSV header matches an input column when it equals its key or its name, ignoring case and spacing. */
function guessMapping(header: string[], inputColumns: Column[]): Record<string, number> {
  const normalise = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, '');
  const mapping: Record<string, number> = {};
  for (const column of inputColumns) {
    const found = header.findIndex((name) => normalise(name) === normalise(column.config.key) || normalise(name) === normalise(column.config.name));
    if (found !== -1) mapping[column.config.key] = found;
  }
  // A one-column CSV with an unrecognised header still obviously goes into the main input.
  if (Object.keys(mapping).length === 0 && inputColumns[0] && header.length > 0) mapping[inputColumns[0].config.key] = 0;
  return mapping;
}

/** Import a CSV: choose which CSV column feeds each input column, check a preview, then add the rows. */
export function CsvImportDialog({ tableId, inputColumns, onAdded, onClose }: CsvImportDialogProps) {
  const [csv, setCsv] = useState<(ParsedCsv & { fileName: string }) | null>(null);
  const [mapping, setMapping] = useState<Record<string, number>>({});
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
      setMapping(guessMapping(parsed.header, inputColumns));
    } catch (caught) {
      setFileError(caught);
    }
  };

  const mappedKeys = Object.keys(mapping);
  const toRow = (record: string[]) => Object.fromEntries(mappedKeys.map((key) => [key, (record[mapping[key]!] ?? '').trim()]));
  const rows = csv ? csv.records.map(toRow).filter((row) => Object.values(row).some((value) => value !== '')) : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await upload(rows, isRunAfter);
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
              {csv.fileName}: {csv.records.length.toLocaleString()} rows, columns {csv.header.join(', ')}
            </p>
            <div className="mapping">
              {inputColumns.map((column) => (
                <label key={column.id} className="mapping-row">
                  <span>{column.config.name}</span>
                  <select
                    aria-label={`CSV column for ${column.config.name}`}
                    value={mapping[column.config.key] ?? ''}
                    onChange={(event) => {
                      const next = { ...mapping };
                      if (event.target.value === '') delete next[column.config.key];
                      else next[column.config.key] = Number(event.target.value);
                      setMapping(next);
                    }}
                  >
                    <option value="">(leave empty)</option>
                    {csv.header.map((name, index) => (
                      <option key={index} value={index}>
                        {name || `column ${index + 1}`}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
            {mappedKeys.length > 0 && (
              <table className="preview" data-testid="csv-preview">
                <caption className="muted small">First rows as they will be added</caption>
                <thead>
                  <tr>
                    {mappedKeys.map((key) => (
                      <th key={key} scope="col">
                        {key}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.slice(0, PREVIEW_ROWS).map((row, index) => (
                    <tr key={index}>
                      {mappedKeys.map((key) => (
                        <td key={key}>{row[key]}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <label className="checkbox">
              <input type="checkbox" checked={isRunAfter} onChange={(event) => setIsRunAfter(event.target.checked)} />
              Run the new rows straight away
            </label>
          </>
        )}
        {progress && (
          <p className="muted">
            Added {progress.added.toLocaleString()} of {progress.total.toLocaleString()} rows…
          </p>
        )}
        <ErrorMessage error={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={rows.length === 0 || progress !== null}>
            Import {rows.length.toLocaleString()} rows
          </button>
        </div>
      </form>
    </Dialog>
  );
}
