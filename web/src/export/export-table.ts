import type { FathomApi } from '../api/fathom-api.ts';
import { MAX_DATA_PAGE } from '../api/fathom-api.ts';
import { csvLine } from './csv-line.ts';
import { exportFieldsOf, type ExportField } from './export-fields.ts';

export type ExportFormat = 'csv' | 'json';

export interface ExportOptions {
  includeDetails: boolean;
  /** CSV: prefix cells a spreadsheet would run as a formula with a quote. */
  guardFormulas: boolean;
  onProgress(exported: number, total: number): void;
  signal: AbortSignal;
}

export interface ExportResult {
  file: Blob;
  rowCount: number;
}

/**
 * Export a whole table page by page (1,000 rows per request). Each page becomes a Blob at once,
 * so the text lives in the browser's blob storage rather than the JS heap, and the tab stays
 * responsive between requests: 100,000 rows never sit in memory as objects.
 */
export async function exportTable(api: FathomApi, tableId: string, format: ExportFormat, options: ExportOptions): Promise<ExportResult> {
  const parts: Blob[] = [];
  let fields: ExportField[] | undefined;
  let offset = 0;
  for (;;) {
    const page = await api.getTableData(tableId, offset, MAX_DATA_PAGE, options.signal);
    if (!fields) {
      // Fixed from the first page's columns, so every row has the same fields even if a column changes meanwhile.
      fields = exportFieldsOf(page.columns, { includeDetails: options.includeDetails });
      parts.push(new Blob([format === 'csv' ? csvLine(fields.map((field) => field.header)) : '[\n']));
    }
    const pageFields = fields;
    const records = page.rows.map((row) => pageFields.map((field) => field.read(row)));
    const text =
      format === 'csv'
        ? records.map((record) => csvLine(record, options.guardFormulas)).join('')
        : records.map((record, index) => (offset === 0 && index === 0 ? '' : ',\n') + jsonRecord(pageFields, record)).join('');
    parts.push(new Blob([text]));
    offset += page.rows.length;
    options.onProgress(offset, Math.max(offset, page.status.num_rows));
    if (page.rows.length < MAX_DATA_PAGE) break;
  }
  if (format === 'json') parts.push(new Blob(['\n]\n']));
  return { file: new Blob(parts, { type: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json' }), rowCount: offset };
}

function jsonRecord(fields: ExportField[], record: unknown[]): string {
  return JSON.stringify(Object.fromEntries(fields.map((field, index) => [field.header, record[index]])));
}

/** Hand a file to the browser's downloads. */
export function downloadFile(file: Blob, fileName: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
