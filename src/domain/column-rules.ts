import type { ColumnConfig } from './column-config-schema.ts';
import { columnDependencies, findCycle } from './column-dependencies.ts';
import { columnKindDefinition, type ColumnTable, type Location } from './column-kinds/index.ts';
import type { ValidationIssue } from './errors.ts';
import type { TableKind } from './table-kinds.ts';

export interface ColumnSetInput {
  tableKind: TableKind;
  /** Whether this is a child people table, whose finders read company_website from the parent row. */
  hasParentTable: boolean;
  /** Columns that stay in the table. */
  existing: readonly ColumnConfig[];
  /** Columns being added or replacing one of the same key, each with the location of its config. */
  incoming: readonly { config: ColumnConfig; loc: Location }[];
}

/**
 * Every rule of §3 that needs the table: each column kind's availability and allowed table kinds,
 * the kind's own rules (agent types, labels, output schemas, references…), unique keys and an
 * acyclic dependency graph.
 */
export function validateColumnSet(input: ColumnSetInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set(input.existing.map((config) => config.key));
  for (const { config, loc } of input.incoming) {
    if (seen.has(config.key)) {
      issues.push({ loc: [...loc, 'key'], msg: `a column with key '${config.key}' already exists in this table`, type: 'value_error' });
    }
    seen.add(config.key);
    issues.push(...kindIssues(config, input.tableKind, loc));
  }
  const all = [...input.existing, ...input.incoming.map(({ config }) => config)];
  const table: ColumnTable = { tableKind: input.tableKind, hasParentTable: input.hasParentTable, keys: new Set(all.map((config) => config.key)), columns: all };
  for (const { config, loc } of input.incoming) {
    const definition = columnKindDefinition(config.kind);
    // A kind that cannot be added yet has only that to say; its other rules would be noise.
    if (definition.availability !== 'available') continue;
    issues.push(...(definition.referenceIssues?.(config, table, loc) ?? []));
  }
  if (issues.length > 0) return issues;
  const graph = new Map(all.map((config) => [config.key, columnDependencies(config, input.tableKind, table.keys)]));
  const cycle = findCycle(graph);
  if (cycle) {
    const entry = input.incoming.find(({ config }) => cycle.includes(config.key)) ?? input.incoming[0]!;
    issues.push({ loc: entry.loc, msg: `columns depend on each other in a cycle: ${cycle.join(' -> ')}`, type: 'value_error' });
  }
  return issues;
}

/** Why a column of this kind cannot be added to a table of this kind at all, or null when it can. */
export function columnKindRefusal(kind: ColumnConfig['kind'], tableKind: TableKind): string | null {
  const definition = columnKindDefinition(kind);
  if (definition.availability !== 'available') {
    return `column kind '${kind}' is not yet available: Fathom cannot compute it yet, so such a column cannot be added`;
  }
  if (!definition.tableKinds.includes(tableKind)) return `column kind '${kind}' is not allowed on ${tableKind} tables`;
  return null;
}

function kindIssues(config: ColumnConfig, tableKind: TableKind, loc: Location): ValidationIssue[] {
  const refusal = columnKindRefusal(config.kind, tableKind);
  if (refusal) return [{ loc: [...loc, 'kind'], msg: refusal, type: 'value_error' }];
  return columnKindDefinition(config.kind).configIssues?.(config, tableKind, loc) ?? [];
}
