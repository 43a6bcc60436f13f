import type { FathomApi, FindQuery } from '../api/fathom-api.ts';
import { MAX_DATA_PAGE } from '../api/fathom-api.ts';
import { csvLine } from './csv-line.ts';
import { exportFieldsOf, type ExportField } from './export-fields.ts';

export type ExportFormat = 'csv' | 'json';

export interface ExportOptions {
  includeDetails: boolean;
  /** CSV: prefix cells a spreadsheet would run as a formula with a quote. */
  guardFormulas: boolean;
  /** Headers by column display name instead of key. */
  displayNames?: boolean;
  /** CSV: begin with a UTF-8 byte order mark (Excel reads the file as UTF-8 only with it). */
  byteOrderMark?: boolean;
  /** Only the rows of a view, in its order. */
  find?: FindQuery;
  /** Only these columns, in this order (a view's shown columns). */
  columnKeys?: string[];
  onProgress(exported: number, total: number): void;
  signal: AbortSignal;
}

export interface ExportResult {
  file: Blob;
  rowCount: number;
}

/**
 * Export a whole table, or a view of it, page by page (1,000 rows per request, each after the
 * previous page's cursor, so every request costs the same). Each page becomes a Blob at once,
 * so the text lives in the browser's blob storage rather than the JS heap, and the tab stays
 * responsive between requests: 100,000 rows never sit in memory as objects.
 */
export async function exportTable(api: FathomApi, tableId: string, format: ExportFormat, options: ExportOptions): Promise<ExportResult> {
  const parts: Blob[] = [];
  let fields: ExportField[] | undefined;
  let offset = 0;
  let cursor: string | null | undefined;
  const find = options.find ?? {};
  for (;;) {
    const page = cursor
      ? await api.getTableDataAfter(tableId, cursor, MAX_DATA_PAGE, options.signal, find)
      : await api.getTableData(tableId, offset, MAX_DATA_PAGE, options.signal, find, offset === 0);
    if (!fields) {
      // Fixed from the first page's columns, so every row has the same fields even if a column changes meanwhile.
      const keys = options.columnKeys;
      const columns = keys ? keys.flatMap((key) => page.columns.filter((column) => column.config.key === key)) : page.columns;
      fields = exportFieldsOf(columns, { includeDetails: options.includeDetails, displayNames: options.displayNames ?? false, sample: page.rows });
      const header = format === 'csv' ? (options.byteOrderMark ? '\uFEFF' : '') + csvLine(fields.map((field) => field.header)) : '[\n';
      parts.push(new Blob([header]));
    }
    const pageFields = fields;
    const records = page.rows.map((row) => pageFields.map((field) => field.read(row)));
    const text =
      format === 'csv'
        ? records.map((record) => csvLine(record, options.guardFormulas)).join('')
        : records.map((record, index) => (offset === 0 && index === 0 ? '' : ',\n') + jsonRecord(pageFields, record)).join('');
    parts.push(new Blob([text]));
    offset += page.rows.length;
    options.onProgress(offset, Math.max(offset, page.num_matching_rows ?? page.status.num_rows));
    cursor = page.next_cursor;
    if (page.rows.length < MAX_DATA_PAGE || cursor === null) break;
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
