import type { ColumnConfig } from './column-config-schema.ts';
import { columnKindDefinition } from './column-kinds/index.ts';
import { baselineContextKeys, builtInKeys, type TableKind } from './table-kinds.ts';

/**
 * The keys a column's cells wait for in the same row (contract §1.4, §3.3):
 * prompt references ∪ extra_dependencies ∪ the table kind's baseline context ∪ what the column
 * kind itself needs, each kind saying which in its definition (`column-kinds/`). Keys that do not
 * exist in `existingKeys` are left out of the implicit ones only; an explicit reference to a
 * missing key is a validation error, reported by column-rules.ts.
 */
export function columnDependencies(config: ColumnConfig, tableKind: TableKind, existingKeys: ReadonlySet<string>): string[] {
  const definition = columnKindDefinition(config.kind);
  const dependencies = definition.dependencies(config);
  if (builtInKeys(tableKind).includes(config.key)) return dependencies;
  const implicit = [...(definition.waitsForBaselineContext ? baselineContextKeys(tableKind) : []), ...definition.implicitDependencies];
  return unique([...dependencies, ...implicit.filter((key) => key !== config.key && existingKeys.has(key))]);
}

/** Dependency map of a whole table: key → keys it waits for. */
export function dependencyGraph(configs: readonly ColumnConfig[], tableKind: TableKind): Map<string, string[]> {
  const keys = new Set(configs.map((config) => config.key));
  return new Map(configs.map((config) => [config.key, columnDependencies(config, tableKind, keys)]));
}

/**
 * The columns that wait for `key` directly (its prompt references, extra dependencies, what its
 * kind needs): a column they use cannot be deleted or renamed until they change.
 */
export function directDependents(configs: readonly ColumnConfig[], tableKind: TableKind, key: string): ColumnConfig[] {
  const others = configs.filter((config) => config.key !== key);
  const keys = new Set([...others.map((config) => config.key), key]);
  return others.filter((config) => columnDependencies(config, tableKind, keys).includes(key));
}

/** Names as a reader lists them: "Pitch", "Pitch and Score", "Pitch, Score and Fit". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
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
