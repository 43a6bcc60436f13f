import type { CellData, Column, TableDataRow } from '../api/api-types.ts';
import { answerAsText, isMoneyValue } from '../grid/answer-formatting.ts';
import { readCellValue } from '../grid/cell-value.ts';
import { answerFormatOf, isInputColumn } from '../grid/column-display.ts';

export type ExportValue = string | number | boolean | null;

/** One column of the export file. */
export interface ExportField {
  header: string;
  read(row: TableDataRow): ExportValue;
}

export interface ExportFieldOptions {
  /** Add `<key>.explanation` and `<key>.sources` beside every computed column. */
  includeDetails: boolean;
  /** Headers by display name (`Segment.amount`) instead of key (`segment.amount`). */
  displayNames?: boolean;
  /**
   * Rows already read (the first page): a computed column whose schema declares no properties
   * but whose answers are objects (the company profile) is split by the properties seen here.
   */
  sample?: TableDataRow[];
}

const MONEY_FIELDS = ['amount', 'currency', 'period'] as const;

/** The answer of a finished cell; unfinished cells export as empty. */
function doneAnswer(cell: CellData | undefined): unknown {
  return cell?.status === 'done' ? readCellValue(cell, false).answer : undefined;
}

function readableValue(value: unknown): ExportValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return answerAsText(value);
}

/**
 * The export's columns: answers flattened to readable text, one export column per field —
 * money as amount / currency / period, a json column as one column per property of its schema,
 * lists joined with "; ". The fields are fixed from the columns alone, before any row is read,
 * so a streamed CSV can write its header first.
 */
export function exportFieldsOf(columns: Column[], options: ExportFieldOptions): ExportField[] {
  const fields: ExportField[] = [{ header: options.displayNames ? 'Row ID' : 'row_id', read: (row) => row.id }];
  for (const column of columns) {
    const key = column.config.key;
    const label = options.displayNames ? column.config.name : key;
    // Each field reads one cell of the row: the cell of this column. Headers start with the
    // key; with display names the key part is swapped for the name.
    const field = (header: string, read: (cell: CellData | undefined) => ExportValue): ExportField => ({
      header: header === key || header.startsWith(`${key}.`) ? label + header.slice(key.length) : header,
      read: (row) => read(row.data[key]),
    });
    if (isInputColumn(column)) {
      fields.push(field(key, (cell) => readableValue(cell?.value)));
      continue;
    }
    const format = answerFormatOf(column.config);
    const declared = schemaProperties(column);
    const properties = declared.length > 0 || format === 'money' ? declared : sampledProperties(key, options.sample ?? []);
    if (format === 'money') {
      for (const [index, name] of MONEY_FIELDS.entries()) {
        fields.push(
          field(`${key}.${name}`, (cell) => {
            const answer = doneAnswer(cell);
            if (isMoneyValue(answer)) return readableValue(answer[name]);
            // "Not found" (or an unexpected shape) goes in the first field so it is not lost.
            return index === 0 ? readableValue(answer) : null;
          }),
        );
      }
    } else if (properties.length > 0) {
      for (const [index, name] of properties.entries()) {
        fields.push(
          field(`${key}.${name}`, (cell) => {
            const answer = doneAnswer(cell);
            if (typeof answer === 'object' && answer !== null && !Array.isArray(answer)) return readableValue((answer as Record<string, unknown>)[name]);
            return index === 0 ? readableValue(answer) : null;
          }),
        );
      }
    } else {
      fields.push(field(key, (cell) => readableValue(doneAnswer(cell))));
    }
    if (options.includeDetails) {
      fields.push(field(`${key}.explanation`, (cell) => readCellValue(cell, false).explanation));
      fields.push(
        field(
          `${key}.sources`,
          (cell) =>
            readCellValue(cell, false)
              .sources.map((source) => source.url)
              .join(' ') || null,
        ),
      );
    }
  }
  return fields;
}

/** Property names of a json column's object schema, in schema order. */
function schemaProperties(column: Column): string[] {
  const config = column.config;
  if (config.kind !== 'agent' || config.value.output_format !== 'json') return [];
  const properties = (config.value.output_schema as { properties?: unknown } | null | undefined)?.properties;
  return typeof properties === 'object' && properties !== null ? Object.keys(properties) : [];
}

/** Properties of the object answers (money aside) a column has in these rows, in order of first appearance. */
function sampledProperties(key: string, rows: TableDataRow[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) {
    const answer = doneAnswer(row.data[key]);
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer) || isMoneyValue(answer)) continue;
    for (const name of Object.keys(answer)) seen.add(name);
  }
  return [...seen];
}
