import { isNotFoundAnswer } from '../../../src/domain/output-formats/not-found.ts';
import { formatDate, formatNumber, isMoneyValue, formatMoney } from './answer-formatting.ts';

/**
 * JSON answers read as fields: a json column's object answer (or a company profile) is shown as
 * "City: Dublin · Employees: 8,000" in a cell, as a list of fields in the panel, and can be
 * spread into one grid column per field.
 */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "founded_year" → "Founded year", "headquartersCity" → "Headquarters city". */
export function fieldLabel(name: string): string {
  const spaced = name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return spaced === '' ? name : spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** Names that say a number is a year (2016 reads as "2016", never "2,016"). */
export function isYearName(name: string): boolean {
  return /(^|[^a-z])(years?|founded|founding|established|since|incorporated)([^a-z]|$)/i.test(name.replace(/_/g, ' '));
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const ISO_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** One field's value as a person reads it: dates and timestamps formatted, years ungrouped, lists joined. */
export function formatFieldValue(name: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (isNotFoundAnswer(value)) return 'Not found';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return Number.isInteger(value) && isYearName(name) ? String(value) : formatNumber(value);
  if (typeof value === 'string') {
    if (ISO_TIMESTAMP.test(value) || (ISO_DATE.test(value) && value.length > 4)) return formatDate(value);
    return value;
  }
  if (isMoneyValue(value)) return formatMoney(value, 'full');
  if (Array.isArray(value)) return value.map((item) => formatFieldValue(name, item)).join('; ');
  if (isPlainObject(value)) {
    return Object.entries(value)
      .map(([key, item]) => `${fieldLabel(key)}: ${formatFieldValue(key, item)}`)
      .join(', ');
  }
  return String(value);
}

/** "City: Dublin · Employees: 8,000": an object answer on one line. */
export function fieldsOnOneLine(answer: Record<string, unknown>): string {
  return Object.entries(answer)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([name, value]) => `${fieldLabel(name)}: ${formatFieldValue(name, value)}`)
    .join(' · ');
}

/**
 * The fields a column's answers have: the properties its JSON Schema declares, else (company
 * profiles, schema-less answers) the keys seen in the answers at hand, in order of first sight.
 */
export function knownFields(outputSchema: unknown, answers: Iterable<unknown>): string[] {
  const declared = isPlainObject(outputSchema) && isPlainObject(outputSchema.properties) ? Object.keys(outputSchema.properties) : [];
  if (declared.length > 0) return declared;
  const seen = new Set<string>();
  for (const answer of answers) if (isPlainObject(answer)) for (const key of Object.keys(answer)) seen.add(key);
  return [...seen];
}
