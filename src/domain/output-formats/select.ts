/**
 * The `select` format (and legacy `label`): exactly one of the column's labels.
 */
import { describeType, describeValue, listNames } from './describe-value.ts';
import { findLabel } from './label-matching.ts';
import { accepted, rejected, type ParseOptions, type ParseResult } from './parse-result.ts';

/**
 * Parses a select answer into the matching label's own spelling. Letter case and spacing are
 * forgiven; anything else that is not a label is refused with the list of labels. A list holding
 * exactly one label is accepted, since models often wrap a single choice in an array.
 */
export function parseSelectAnswer(raw: unknown, options: ParseOptions): ParseResult {
  const labels = options.labels ?? [];
  const choice = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
  if (Array.isArray(choice)) {
    return rejected(`Expected exactly one label, got ${choice.length} (${choice.map(describeValue).join(', ')}); choose one of: ${listNames(labels)}`);
  }
  if (typeof choice !== 'string') {
    return rejected(`Expected one label as text, got ${describeType(choice)} ${describeValue(choice)}; choose one of: ${listNames(labels)}`);
  }
  const label = findLabel(choice, labels);
  if (label === undefined) return rejected(`${describeValue(choice)} is not one of the labels: ${listNames(labels)}`);
  return accepted(label);
}
