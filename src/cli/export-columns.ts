import type { Column, TableDataRow } from '../sdk/index.ts';
import { cellAnswer } from './cell-text.ts';

/** One output column of an export: its header and how to read its value from a row. */
export interface ExportField {
  header: string;
  read(row: TableDataRow): unknown;
}

export interface ExportFieldOptions {
  /** Header by display name (`names`) or by key (`keys`, the default). */
  headers: 'keys' | 'names';
  /** Object answers (JSON columns, the company profile) become one column per field. */
  splitJson: boolean;
}

/**
 * The export's columns. With `splitJson`, a column whose answers are objects (not money) gets
 * one field per property, named `Column.property`: the JSON schema's properties when it has one,
 * else the properties seen in `sample` (the first page), in order of first appearance.
 */
export function planExportFields(columns: readonly Column[], sample: readonly TableDataRow[], options: ExportFieldOptions): ExportField[] {
  const fields: ExportField[] = [];
  for (const column of columns) {
    const isInput = column.config.kind === 'input';
    const key = column.config.key;
    const label = options.headers === 'names' ? column.config.name : key;
    const answerOf = (row: TableDataRow) => cellAnswer(row.data[key], isInput);
    const properties = options.splitJson && !isInput ? objectProperties(column, sample.map(answerOf)) : [];
    if (properties.length === 0) {
      fields.push({ header: label, read: answerOf });
      continue;
    }
    for (const property of properties) {
      fields.push({
        header: `${label}.${property}`,
        read: (row) => {
          const answer = answerOf(row);
          return isPlainObject(answer) ? (answer[property] ?? null) : null;
        },
      });
    }
  }
  return fields;
}

function objectProperties(column: Column, answers: unknown[]): string[] {
  const schema = (column.config as { value?: { output_schema?: { properties?: Record<string, unknown> } } }).value?.output_schema;
  if (schema?.properties && Object.keys(schema.properties).length > 0) return Object.keys(schema.properties);
  const seen = new Set<string>();
  for (const answer of answers) if (isPlainObject(answer) && !isMoney(answer)) for (const property of Object.keys(answer)) seen.add(property);
  return [...seen];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isMoney(value: Record<string, unknown>): boolean {
  return typeof value.amount === 'number' && typeof value.currency === 'string';
}
