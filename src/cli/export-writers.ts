import type { Writable } from 'node:stream';
import { neutralizeFormula } from '../domain/spreadsheet-formula.ts';
import { answerText } from './cell-text.ts';
import { writeWithBackpressure } from './json-output.ts';

export const EXPORT_FORMATS = ['csv', 'json', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Writes rows (answers by column key) one at a time, so an export never holds the table in memory. */
export interface ExportWriter {
  row(values: Record<string, unknown>): Promise<void>;
  end(): Promise<void>;
}

export interface ExportWriterOptions {
  /** Prefix CSV cells a spreadsheet would run as a formula with a quote (default true). */
  guardFormulas?: boolean;
  /** CSV: start with a UTF-8 byte order mark, so Excel reads the file as UTF-8 (default false). */
  byteOrderMark?: boolean;
  /** CSV header line (default: the keys). */
  headers?: string[];
}

/**
 * CSV has a header of column keys and text cells (see `answerText`); JSON is one array and
 * NDJSON one object per line, both keeping answers' JSON types (numbers, lists, money objects).
 */
export function createExportWriter(format: ExportFormat, stream: Writable, keys: string[], options: ExportWriterOptions = {}): ExportWriter {
  switch (format) {
    case 'csv': {
      let hasHeader = false;
      const guard = options.guardFormulas ?? true;
      const line = (fields: string[]) => `${fields.map((field) => csvField(guard ? neutralizeFormula(field) : field)).join(',')}\r\n`;
      const header = async () => {
        if (hasHeader) return;
        hasHeader = true;
        await writeWithBackpressure(stream, (options.byteOrderMark ? '\uFEFF' : '') + line(options.headers ?? keys));
      };
      return {
        row: async (values) => {
          await header();
          await writeWithBackpressure(stream, line(keys.map((key) => answerText(values[key]))));
        },
        end: header,
      };
    }
    case 'json': {
      let count = 0;
      return {
        row: async (values) => writeWithBackpressure(stream, `${count++ === 0 ? '[\n' : ',\n'}${JSON.stringify(values)}`),
        end: async () => writeWithBackpressure(stream, count === 0 ? '[]\n' : '\n]\n'),
      };
    }
    case 'ndjson':
      return {
        row: async (values) => writeWithBackpressure(stream, `${JSON.stringify(values)}\n`),
        end: async () => {},
      };
  }
}

/** RFC 4180: quote a field holding a comma, quote or line break (or edge spaces a reader might trim). */
function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
