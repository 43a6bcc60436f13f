import { uniqueKeyFromName } from '../../../src/domain/column-key-from-name.ts';
import type { Column } from '../api/api-types.ts';

/** Where one column of a CSV or a pasted block goes. */
export type MappingTarget =
  | { kind: 'existing'; key: string }
  /** A new input column, created before the rows are added. */
  | { kind: 'new'; name: string; key: string }
  | { kind: 'skip' };

/** A source column, by its header (or "Column 2" when there is none). */
export interface SourceColumn {
  header: string;
  /** The first few values, to recognise it by. */
  samples: string[];
}

const normalise = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, '');

/** "Column 3" for a block without a header line. */
export function unnamedHeader(index: number): string {
  return `Column ${index + 1}`;
}

/**
 * A first guess at where each source column goes: an input column whose key or name it matches
 * (ignoring case and spacing); the table's main input takes the first column nothing matched (a
 * "Domain" column fills a company table's input); then, with a header line, the rest become new
 * input columns named after their headers, and without one they fill the other input columns left
 * to right before becoming new columns ("Column 3").
 */
export function guessMapping(headers: readonly string[], inputColumns: readonly Column[], hasHeader: boolean, allKeys: readonly string[]): MappingTarget[] {
  const used = new Set<string>();
  const taken = new Set(allKeys);
  const targets: (MappingTarget | null)[] = headers.map((header) => {
    if (!hasHeader) return null;
    const match = inputColumns.find(
      (column) => !used.has(column.config.key) && (normalise(header) === normalise(column.config.key) || normalise(header) === normalise(column.config.name)),
    );
    if (!match) return null;
    used.add(match.config.key);
    return { kind: 'existing', key: match.config.key };
  });
  const main = inputColumns.find((column) => column.config.key === 'input') ?? inputColumns[0];
  const firstUnmatched = targets.indexOf(null);
  if (main && !used.has(main.config.key) && firstUnmatched !== -1) {
    targets[firstUnmatched] = { kind: 'existing', key: main.config.key };
    used.add(main.config.key);
  }
  const free = inputColumns.filter((column) => !used.has(column.config.key));
  return targets.map((target, index) => {
    if (target) return target;
    if (!hasHeader && free.length > 0) return { kind: 'existing', key: free.shift()!.config.key };
    return newColumnTarget(hasHeader ? headers[index]! : unnamedHeader(index), taken);
  });
}

/** A new input column named `name`, with a key no column holds (and reserving it). */
export function newColumnTarget(name: string, taken: Set<string>): MappingTarget {
  const trimmed = name.trim() === '' ? 'Column' : name.trim();
  const key = uniqueKeyFromName(trimmed, taken);
  taken.add(key);
  return { kind: 'new', name: trimmed, key };
}

/** What is wrong with a mapping: two sources into one column, or nothing imported at all. */
export function mappingProblems(targets: readonly MappingTarget[], columnNames: ReadonlyMap<string, string>): string[] {
  const counts = new Map<string, number>();
  for (const target of targets) if (target.kind !== 'skip') counts.set(target.key, (counts.get(target.key) ?? 0) + 1);
  const problems = [...counts].filter(([, count]) => count > 1).map(([key]) => `Two columns go into ${columnNames.get(key) ?? key}: leave one out.`);
  if (targets.every((target) => target.kind === 'skip')) problems.push('Every column is left out: choose where at least one goes.');
  return problems;
}

/** The input columns to create first. */
export function newColumnsOf(targets: readonly MappingTarget[]): { name: string; key: string }[] {
  return targets.flatMap((target) => (target.kind === 'new' ? [{ name: target.name, key: target.key }] : []));
}

/** Rows to add: each record's values by target key, trimmed; records with nothing in a mapped column are dropped. */
export function rowsFromRecords(records: readonly (readonly string[])[], targets: readonly MappingTarget[]): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  for (const record of records) {
    const row: Record<string, string> = {};
    targets.forEach((target, index) => {
      const value = (record[index] ?? '').trim();
      if (target.kind !== 'skip' && value !== '') row[target.key] = value;
    });
    if (Object.keys(row).length > 0) rows.push(row);
  }
  return rows;
}

/** Samples of each source column, for the mapping step. */
export function sourceColumns(headers: readonly string[], records: readonly (readonly string[])[], sampleCount = 3): SourceColumn[] {
  return headers.map((header, index) => ({
    header,
    samples: records
      .map((record) => (record[index] ?? '').trim())
      .filter((value) => value !== '')
      .slice(0, sampleCount),
  }));
}
