/**
 * The `multiselect` format: zero or more of the column's labels.
 */
import { largestOf } from '../append-all.ts';
import { describeType, describeValue, listNames } from './describe-value.ts';
import { findLabel } from './label-matching.ts';
import { accepted, rejected, type ParseOptions, type ParseResult } from './parse-result.ts';

/**
 * Parses a multiselect answer from a list, or from text separated by commas or semicolons, into
 * the chosen labels without duplicates and in the column's label order (so equal answers compare
 * equal). An empty list is a real answer: none of the labels apply. Any item that is not a label
 * refuses the whole answer, because dropping it would silently change what the model said.
 */
export function parseMultiselectAnswer(raw: unknown, options: ParseOptions): ParseResult {
  const labels = options.labels ?? [];
  const list = typeof raw === 'string' ? parseJsonList(raw) : raw;
  let items: string[];
  if (typeof list === 'string') {
    items = splitLabelText(list, labels);
  } else if (Array.isArray(list)) {
    const nonText = list.find((item) => typeof item !== 'string');
    if (nonText !== undefined) {
      return rejected(`Every item must be a label as text, got ${describeType(nonText)} ${describeValue(nonText)}; choose from: ${listNames(labels)}`);
    }
    items = (list as string[]).filter((item) => item.trim() !== '');
  } else {
    return rejected(`Expected a list of labels, got ${describeType(raw)} ${describeValue(raw)}; choose from: ${listNames(labels)}`);
  }
  const chosen = new Set<string>();
  const unknown: string[] = [];
  for (const item of items) {
    const label = findLabel(item, labels);
    if (label === undefined) unknown.push(describeValue(item));
    else chosen.add(label);
  }
  if (unknown.length === 1) return rejected(`${unknown[0]} is not one of the labels: ${listNames(labels)}`);
  if (unknown.length > 1) return rejected(`${unknown.join(', ')} are not among the labels: ${listNames(labels)}`);
  return accepted(labels.filter((label) => chosen.has(label)));
}

/**
 * Splits "Pro, Team; Free" into items. A label may itself contain a separator ("Sales, Marketing"),
 * so at each position the longest run of pieces that spells a label is taken first.
 */
function splitLabelText(text: string, labels: readonly string[]): string[] {
  // Splitting with a capture group keeps the separators at odd indexes, so runs re-join exactly.
  const parts = text.split(/([,;])/);
  // A run never needs more pieces than the label with the most separators has, which keeps a
  // long answer linear instead of trying every run.
  const longestRun =
    2 *
    largestOf(
      labels.map((label) => (label.match(/[,;]/g) ?? []).length),
      0,
    );
  const items: string[] = [];
  let start = 0;
  while (start < parts.length) {
    let end = Math.min(parts.length - 1, start + longestRun);
    while (end > start && findLabel(parts.slice(start, end + 1).join(''), labels) === undefined) end -= 2;
    const item = parts.slice(start, end + 1).join('');
    if (item.trim() !== '') items.push(item);
    start = end + 2;
  }
  return items;
}

/** Models sometimes send the list as JSON text ('["Pro", "Team"]'); other text is returned unchanged. */
function parseJsonList(text: string): unknown {
  if (!text.trim().startsWith('[')) return text;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : text;
  } catch {
    // Not JSON after all, e.g. "[Pro], Team": split it like any other text.
    return text;
  }
}
