import { parseRecords } from '../rows/parse-csv.ts';

/**
 * Text for the clipboard as spreadsheets write it: cells separated by tabs, rows by line breaks,
 * a cell quoted (quotes doubled) when it holds a tab, a line break or a quote — so Google Sheets,
 * Excel and Numbers paste it back into the same cells.
 */
export function toClipboardText(rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => (/[\t\r\n"]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  return rows.map((row) => row.map(cell).join('\t')).join('\n');
}

/** A block pasted from a spreadsheet (or plain text) as rows of cells; a trailing line break adds no row. */
export function fromClipboardText(text: string): string[][] {
  const trimmed = text.replace(/\r?\n$/, '');
  if (trimmed === '') return [['']];
  if (!trimmed.includes('\t') && !trimmed.includes('\n')) return [[trimmed]];
  return parseRecords(trimmed, '\t');
}
