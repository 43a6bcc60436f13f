import { isComputedKind } from '../domain/column-config-schema.ts';
import type { ValidationIssue } from '../domain/errors.ts';
import type { Column } from '../domain/records.ts';

const MAX_REPORTED_ISSUES = 50;

/**
 * Check that every key of each row's `data` names an input column. Values are stored as sent:
 * nothing in a user's input is trimmed, coerced or dropped.
 */
export function inputDataIssues(
  columns: Column[],
  rows: { data: Record<string, unknown> }[],
  locationOf: (index: number) => (string | number)[],
): ValidationIssue[] {
  const byKey = new Map(columns.map((column) => [column.key, column]));
  const inputKeys = columns.filter((column) => !isComputedKind(column.config.kind)).map((column) => column.key);
  const issues: ValidationIssue[] = [];
  rows.forEach((row, index) => {
    for (const key of Object.keys(row.data)) {
      if (issues.length >= MAX_REPORTED_ISSUES) return;
      const column = byKey.get(key);
      if (!column) {
        issues.push({
          loc: [...locationOf(index), 'data', key],
          msg: `unknown column key '${key}'; input columns of this table: ${inputKeys.join(', ')}`,
          type: 'value_error',
        });
      } else if (isComputedKind(column.config.kind)) {
        issues.push({
          loc: [...locationOf(index), 'data', key],
          msg: `column '${key}' is computed (${column.config.kind}) and cannot be written; input columns of this table: ${inputKeys.join(', ')}`,
          type: 'value_error',
        });
      }
    }
  });
  return issues;
}

/** Whether an input value counts as missing for `is_missing_inputs`. */
export function isEmptyInput(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}
