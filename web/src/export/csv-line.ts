import { neutralizeFormula } from '../../../src/domain/spreadsheet-formula.ts';
import type { ExportValue } from './export-fields.ts';

/**
 * One CSV record (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled.
 * With `guardFormulas` (the default) text a spreadsheet would run as a formula gets a ' prefix.
 */
export function csvLine(values: readonly ExportValue[], guardFormulas = true): string {
  return `${values.map((value) => csvField(value, guardFormulas)).join(',')}\r\n`;
}

function csvField(value: ExportValue, guardFormulas: boolean): string {
  if (value === null) return '';
  // Numbers are never formulas; only text can carry one.
  const text = typeof value === 'string' && guardFormulas ? neutralizeFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
