import type { ColumnConfig } from './column-config-schema.ts';
import { promptReferences } from './prompt-references.ts';
import { baselineContextKeys, builtInKeys, type TableKind } from './table-kinds.ts';

/**
 * The keys a column's cells wait for in the same row (contract §1.4, §3.3):
 * prompt references ∪ extra_dependencies ∪ the table kind's baseline context ∪ what the column
 * kind itself needs. Keys that do not exist in `existingKeys` are left out of the baseline only;
 * an explicit reference to a missing key is a validation error, reported by column-rules.ts.
 */
export function explicitDependencies(config: ColumnConfig): string[] {
  switch (config.kind) {
    case 'agent':
      return unique([...promptReferences(config.value.prompt), ...(config.value.extra_dependencies ?? [])]);
    case 'criterion_grade':
      return promptReferences(config.value.criterion);
    case 'reverse_email_lookup':
      return [config.email_column_key];
    case 'criteria_grade_score':
      return Object.keys(config.value.column_weights);
    case 'company_profile':
      return ['input'];
    case 'company_name':
    case 'company_website':
      return ['company_profile'];
    default:
      return [];
  }
}

/** Dependencies including the implicit ones, restricted to keys present in the table. */
export function columnDependencies(config: ColumnConfig, tableKind: TableKind, existingKeys: ReadonlySet<string>): string[] {
  const dependencies = explicitDependencies(config);
  if (builtInKeys(tableKind).includes(config.key)) return dependencies;
  const implicit: string[] = [];
  if (config.kind === 'agent' || config.kind === 'criterion_grade' || config.kind === 'company_people_finder') {
    implicit.push(...baselineContextKeys(tableKind));
  }
  if (config.kind === 'email_finder' || config.kind === 'phone_finder') {
    implicit.push('full_name', 'profile_url', 'company_website');
  }
  return unique([...dependencies, ...implicit.filter((key) => key !== config.key && existingKeys.has(key))]);
}

/** Dependency map of a whole table: key → keys it waits for. */
export function dependencyGraph(configs: readonly ColumnConfig[], tableKind: TableKind): Map<string, string[]> {
  const keys = new Set(configs.map((config) => config.key));
  return new Map(configs.map((config) => [config.key, columnDependencies(config, tableKind, keys)]));
}

/** Every key that depends on `key`, directly or through others (what goes stale when it changes). */
export function transitiveDependents(graph: ReadonlyMap<string, string[]>, key: string): Set<string> {
  const dependents = new Set<string>();
  const queue = [key];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const [candidate, dependencies] of graph) {
      if (!dependents.has(candidate) && dependencies.includes(current)) {
        dependents.add(candidate);
        queue.push(candidate);
      }
    }
  }
  return dependents;
}

/** One cycle as a list of keys (first key repeated at the end), or null when the graph is acyclic. */
export function findCycle(graph: ReadonlyMap<string, string[]>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (key: string): string[] | null => {
    if (state.get(key) === 'done') return null;
    if (state.get(key) === 'visiting') return [...stack.slice(stack.indexOf(key)), key];
    state.set(key, 'visiting');
    stack.push(key);
    for (const dependency of graph.get(key) ?? []) {
      if (!graph.has(dependency)) continue;
      const cycle = visit(dependency);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(key, 'done');
    return null;
  };
  for (const key of graph.keys()) {
    const cycle = visit(key);
    if (cycle) return cycle;
  }
  return null;
}

function unique(keys: string[]): string[] {
  return [...new Set(keys)];
}
