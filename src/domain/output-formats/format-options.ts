/**
 * Checking the column configuration a format depends on. The columns API should run this when a
 * column is created so the problem reaches the user then, not when thousands of cells fail.
 */
import { AppError } from '../errors.ts';
import { describeValue } from './describe-value.ts';
import { canonicalFormat, formatNeedsLabels, formatNeedsSchema, type OutputFormat } from './format-names.ts';
import { compileOutputSchema } from './json-schema-validators.ts';
import { normalizeLabel } from './label-matching.ts';
import type { ParseOptions } from './parse-result.ts';

/** Returns a sentence describing what is wrong with the options for `format`, or undefined when they are usable. */
export function findFormatOptionsProblem(format: OutputFormat, options: ParseOptions): string | undefined {
  if (formatNeedsLabels(format)) return findLabelsProblem(canonicalFormat(format), options.labels);
  if (formatNeedsSchema(format)) return findSchemaProblem(options.outputSchema);
  return undefined;
}

function findLabelsProblem(format: OutputFormat, labels: readonly unknown[] | undefined): string | undefined {
  if (labels === undefined || labels.length === 0) {
    return `The ${format} column has no labels; add the allowed labels to the column`;
  }
  const seen = new Map<string, string>();
  for (const label of labels) {
    if (typeof label !== 'string' || label.trim() === '') {
      return `The ${format} column has an empty or non-text label ${describeValue(label)}; every label must be non-empty text`;
    }
    // Two labels that fold to the same text could never be told apart in an answer.
    const folded = normalizeLabel(label);
    const earlier = seen.get(folded);
    if (earlier !== undefined) {
      return `The labels '${earlier}' and '${label}' differ only in case or spacing; keep one of them`;
    }
    seen.set(folded, label);
  }
  return undefined;
}

function findSchemaProblem(outputSchema: unknown): string | undefined {
  if (outputSchema === undefined || outputSchema === null) {
    return 'The json column has no output_schema; add a JSON Schema describing the answer';
  }
  if (typeof outputSchema !== 'object' || Array.isArray(outputSchema)) {
    return 'The json column output_schema must be a JSON Schema object';
  }
  // Compiled with the same ajv (and cache) that later validates every answer of the column.
  const compiled = compileOutputSchema(outputSchema);
  return compiled.ok ? undefined : compiled.reason;
}

/**
 * Throws when the options cannot serve `format`. For builders (schemas, instructions) that have no
 * result value to carry a reason in; the error is permanent, so a worker will not retry it.
 */
export function assertFormatOptions(format: OutputFormat, options: ParseOptions): void {
  const problem = findFormatOptionsProblem(format, options);
  if (problem !== undefined) throw new AppError('invalid_output_format_options', 422, problem);
}
