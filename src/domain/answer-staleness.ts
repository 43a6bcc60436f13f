import type { ColumnConfig } from './column-config-schema.ts';
import { transitiveDependents } from './column-dependencies.ts';

/**
 * Whether replacing a column's config changes what its cells would answer. The display name
 * and the key are labels (a renamed key is checked elsewhere: nothing may still refer to it);
 * anything else (prompt, agent type, output format, labels, schema, model…) may.
 */
export function configChangesAnswers(before: ColumnConfig, after: ColumnConfig): boolean {
  return canonicalJson(withoutLabels(before)) !== canonicalJson(withoutLabels(after));
}

/** The column and every column that reads it, directly or not: their answers go out of date together. */
export function columnsOutOfDateAfterChange(graph: ReadonlyMap<string, string[]>, key: string): Set<string> {
  return new Set([key, ...transitiveDependents(graph, key)]);
}

function withoutLabels(config: ColumnConfig): Record<string, unknown> {
  const { name: _name, key: _key, ...rest } = config as ColumnConfig & { name?: unknown; key?: unknown };
  return rest;
}

/** JSON with object keys sorted, so two configs that differ only in key order compare equal. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([left], [right]) => left.localeCompare(right)))
      : item,
  );
}
