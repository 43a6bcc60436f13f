/**
 * The server's own column rules, run in the browser while the user types: the zod schema and
 * `validateColumnSet` (allowed kinds and agent types, labels, JSON schemas, references, cycles).
 * The form therefore says exactly what `POST …/columns` would say, before it is sent. This module
 * pulls in zod and ajv, so it is only loaded with the column form.
 */
import { ColumnConfigSchema, type ColumnConfig } from '../../../src/domain/column-config-schema.ts';
import { validateColumnSet } from '../../../src/domain/column-rules.ts';
import { toValidationIssues } from '../../../src/api/zod-issues.ts';
import type { TableKind, ValidationIssue } from '../api/api-types.ts';

export interface ColumnContext {
  tableKind: TableKind;
  hasParentTable: boolean;
  /** The other columns of the table (the edited one left out). */
  existing: ColumnConfig[];
}

export type ColumnCheck = { config: ColumnConfig; issues: [] } | { config: null; issues: ValidationIssue[] };

/** Every problem with `candidate` as a new or replacing column, located like the server's 422 (without the body prefix). */
export function checkColumn(candidate: unknown, context: ColumnContext): ColumnCheck {
  const parsed = ColumnConfigSchema.safeParse(candidate);
  if (!parsed.success) return { config: null, issues: toValidationIssues(parsed.error.issues, []) };
  const issues = validateColumnSet({ ...context, incoming: [{ config: parsed.data, loc: [] }] });
  return issues.length > 0 ? { config: null, issues } : { config: parsed.data, issues: [] };
}
