import { useRef, useState, type FormEvent } from 'react';
import { useSession } from '../auth/session-context.tsx';
import { Dialog } from '../common/dialog.tsx';
import { ErrorMessage } from '../common/error-message.tsx';
import { downloadFile, exportTable, type ExportFormat } from './export-table.ts';
import { countOf } from '../common/counts.ts';
import { findQuery, type FindState } from '../grid/find-state.ts';

export interface ExportDialogProps {
  tableId: string;
  tableName: string;
  rowCount: number;
  /** The grid's current view (find and shown columns), when it is not the whole table in table order. */
  view?: { find: FindState; rowCount: number; columnKeys: string[] } | null;
  onClose(): void;
}

/** A file name from the table name: letters, digits and dashes. */
function fileNameOf(tableName: string, format: ExportFormat): string {
  const base =
    tableName
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'table';
  return `${base}.${format}`;
}

export function ExportDialog({ tableId, tableName, rowCount: tableRowCount, view = null, onClose }: ExportDialogProps) {
  const { api } = useSession();
  const [isViewOnly, setIsViewOnly] = useState(view !== null);
  const [hasByteOrderMark, setHasByteOrderMark] = useState(false);
  const [hasDisplayNames, setHasDisplayNames] = useState(view !== null);
  const rowCount = isViewOnly && view ? view.rowCount : tableRowCount;
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [isDetailed, setIsDetailed] = useState(false);
  const [guardsFormulas, setGuardsFormulas] = useState(true);
  const [progress, setProgress] = useState<{ exported: number; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const controller = useRef<AbortController | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    controller.current = new AbortController();
    setError(null);
    setProgress({ exported: 0, total: rowCount });
    try {
      const result = await exportTable(api, tableId, format, {
        includeDetails: isDetailed,
        guardFormulas: guardsFormulas,
        byteOrderMark: hasByteOrderMark,
        displayNames: hasDisplayNames,
        ...(isViewOnly && view ? { find: findQuery(view.find), columnKeys: view.columnKeys } : {}),
        signal: controller.current.signal,
        onProgress: (exported, total) => setProgress({ exported, total }),
      });
      downloadFile(result.file, fileNameOf(tableName, format));
      onClose();
    } catch (caught) {
      if (!controller.current.signal.aborted) setError(caught);
      setProgress(null);
    }
  };
  const close = () => {
    controller.current?.abort();
    onClose();
  };

  return (
    <Dialog title="Export" onClose={close} testId="export-dialog">
      <form className="stack" onSubmit={submit}>
        <fieldset className="inline-choices">
          <legend>Format</legend>
          <label className="checkbox">
            <input type="radio" name="format" value="csv" checked={format === 'csv'} onChange={() => setFormat('csv')} /> CSV
          </label>
          <label className="checkbox">
            <input type="radio" name="format" value="json" checked={format === 'json'} onChange={() => setFormat('json')} /> JSON
          </label>
        </fieldset>
        {view && (
          <label className="checkbox">
            <input type="checkbox" checked={isViewOnly} onChange={(event) => setIsViewOnly(event.target.checked)} data-testid="export-view-only" />
            Only this view: the rows that match, in its order, with the columns shown
          </label>
        )}
        <label className="checkbox">
          <input type="checkbox" checked={hasDisplayNames} onChange={(event) => setHasDisplayNames(event.target.checked)} data-testid="export-display-names" />
          Column names as headers (instead of keys)
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={isDetailed} onChange={(event) => setIsDetailed(event.target.checked)} />
          Add each answer's explanation and sources
        </label>
        {format === 'csv' && (
          <label className="checkbox">
            <input type="checkbox" checked={guardsFormulas} onChange={(event) => setGuardsFormulas(event.target.checked)} data-testid="export-formula-guard" />
            Protect against spreadsheet formulas (cells starting with = + - @ get a ' in front)
          </label>
        )}
        {format === 'csv' && (
          <label className="checkbox">
            <input type="checkbox" checked={hasByteOrderMark} onChange={(event) => setHasByteOrderMark(event.target.checked)} data-testid="export-bom" />
            For Excel: mark the file as UTF-8 (byte order mark), so accents and non-Latin text open correctly
          </label>
        )}
        <p className="hint">
          Answers are written as readable text, one column per field: money as amount, currency and period; a JSON column as one column per property. Cells that
          are not done are left empty.
        </p>
        {progress && (
          <div className="stack-tight" data-testid="export-progress">
            <div className="progress-track">
              <div className="progress-fill" style={{ width: `${progress.total === 0 ? 100 : Math.round((progress.exported / progress.total) * 100)}%` }} />
            </div>
            <span className="muted small">
              {progress.exported.toLocaleString()} of {countOf(progress.total, 'row')}
            </span>
          </div>
        )}
        <ErrorMessage error={error} title="The export stopped." />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={progress !== null}>
            Export {countOf(rowCount, 'row')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
