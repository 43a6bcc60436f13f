import type { Column } from '../sdk/index.ts';
import { CliUsageError } from './cli-errors.ts';

/**
 * The columns `--columns` names, in the order given. Each entry may be a column's id, its key or
 * its name (ignoring case), whichever the user has at hand: ids are what the API takes, keys what
 * prompts and exports show, names what the grid shows. Every entry that names no column, or a
 * name two columns share, is reported in one message with the table's columns to choose from.
 */
export function resolveColumnReferences(columns: readonly Column[], references: readonly string[]): Column[] {
  const unknown: string[] = [];
  const ambiguous: string[] = [];
  const found: Column[] = [];
  for (const reference of references) {
    const byIdOrKey = columns.find((column) => column.id === reference || column.config.key === reference);
    const byName = byIdOrKey ? [] : columns.filter((column) => column.config.name.trim().toLowerCase() === reference.trim().toLowerCase());
    const column = byIdOrKey ?? (byName.length === 1 ? byName[0] : undefined);
    if (byName.length > 1) ambiguous.push(`"${reference}" (keys ${byName.map((candidate) => candidate.config.key).join(', ')})`);
    else if (!column) unknown.push(`"${reference}"`);
    else if (!found.includes(column)) found.push(column);
  }
  if (unknown.length > 0 || ambiguous.length > 0) {
    const problems = [
      ...(unknown.length > 0 ? [`no column is called ${unknown.join(', ')}`] : []),
      ...(ambiguous.length > 0 ? [`several columns are called ${ambiguous.join(', ')}: use the key`] : []),
    ];
    const choices = columns.map((column) => `${column.config.key} (${column.config.name})`).join(', ');
    throw new CliUsageError(`--columns: ${problems.join('; ')}. Columns of this table (key and name; ids work too): ${choices}`, {
      unknown,
      ambiguous,
    });
  }
  return found;
}
