/**
 * Matching a model's wording against a column's labels. The match forgives letter case and
 * spacing, nothing more: "pro " is "Pro", but "Pro plan" and "Pros" are not, because a lenient
 * match would silently file answers under the wrong label.
 */

/** Folds the differences the match forgives: Unicode width forms, letter case, and runs of whitespace. */
export function normalizeLabel(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Returns the label `candidate` names, in the label's own spelling, or undefined. Labels that
 * fold to the same text are refused as configuration (format-options.ts), so at most one matches.
 */
export function findLabel(candidate: string, labels: readonly string[]): string | undefined {
  const folded = normalizeLabel(candidate);
  return labels.find((label) => normalizeLabel(label) === folded);
}
