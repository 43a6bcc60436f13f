import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../domain/errors.ts';
import { RowFilterWireSchema, type RowConditionWire } from '../domain/row-query.ts';
import { toValidationIssues } from './zod-issues.ts';

/**
 * The `filter` query parameter of data reads: a URL-encoded JSON array of conditions. An
 * unknown field is a 422 whose loc ends with that field's name, as pydantic reports it.
 */
export function parseFilterParameter(text: string | undefined): RowConditionWire[] {
  if (text === undefined || text.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw ValidationError.single(
      ['query', 'filter'],
      'filter must be a JSON array of conditions, e.g. [{"column":"industry","contains":"bank"}]',
      'json_invalid',
    );
  }
  const result = RowFilterWireSchema.safeParse(parsed);
  if (result.success) return result.data;
  throw new ValidationError(result.error.issues.flatMap((issue) => issuesOf(issue)));
}

function issuesOf(issue: z.core.$ZodIssue): ValidationIssue[] {
  const prefix = ['query', 'filter', ...(issue.path as (string | number)[])];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      loc: [...prefix, key],
      msg: `unknown filter field '${key}'; a condition has column and one of status, contains, equals, one_of, min/max, not_found, empty`,
      type: 'extra_forbidden',
    }));
  }
  return toValidationIssues([issue], ['query', 'filter']);
}
