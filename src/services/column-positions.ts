import { ValidationError } from '../domain/errors.ts';
import type { Column } from '../domain/records.ts';

/**
 * Where `insert_after` puts new columns (contract §2.4.1, §7.9): `true` (default) appends,
 * `false` puts them first, a column id puts them right after that column.
 */
export function orderWithInsertedColumns(existing: Column[], insertedIds: string[], insertAfter: boolean | string): string[] {
  const existingIds = existing.map((column) => column.id);
  if (insertAfter === true) return [...existingIds, ...insertedIds];
  if (insertAfter === false) return [...insertedIds, ...existingIds];
  const index = existingIds.indexOf(insertAfter);
  if (index === -1) {
    throw ValidationError.single(
      ['body', 'insert_after'],
      `insert_after '${insertAfter}' is not a column id of this table; use true, false or an existing column id`,
    );
  }
  return [...existingIds.slice(0, index + 1), ...insertedIds, ...existingIds.slice(index + 1)];
}

/** columns_order must name every column exactly once. */
export function checkColumnsOrder(existing: Column[], order: string[]): void {
  const existingIds = new Set(existing.map((column) => column.id));
  const seen = new Set<string>();
  for (const [index, id] of order.entries()) {
    if (!existingIds.has(id)) throw ValidationError.single(['body', 'columns_order', index], `'${id}' is not a column id of this table`);
    if (seen.has(id)) throw ValidationError.single(['body', 'columns_order', index], `column id '${id}' appears more than once`);
    seen.add(id);
  }
  const missing = [...existingIds].filter((id) => !seen.has(id));
  if (missing.length > 0) {
    throw ValidationError.single(['body', 'columns_order'], `columns_order must list every column of the table exactly once; missing: ${missing.join(', ')}`);
  }
}
