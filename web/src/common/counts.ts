/** "1 row", "2 rows", "1,234 rows": a count with its noun, in the reader's number format. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? singular : plural}`;
}

/** The noun alone, for "Import 1 row" / "Import 2 rows" where the number is set apart. */
export function nounFor(count: number, singular: string, plural = `${singular}s`): string {
  return count === 1 ? singular : plural;
}
