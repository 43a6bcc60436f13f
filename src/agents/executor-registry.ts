import { executorIdOf } from '../domain/column-config-schema.ts';
import type { CellExecutor, ExecutorRegistry } from '../engine/cell-executor.ts';
import { type AgentDependencies, EXECUTOR_FACTORIES } from './executor-factories.ts';

/**
 * The engine's executor lookup, derived from the column-kind registry: a column's executor id
 * (its agent type or its kind) picks one executor built by its factory. Kinds that are not yet
 * available have no executor; their cells fail with a message saying so.
 */
export function createExecutorRegistry(dependencies: AgentDependencies): ExecutorRegistry {
  const executors = new Map<string, CellExecutor>(Object.entries(EXECUTOR_FACTORIES).map(([id, factory]) => [id, factory(dependencies)]));
  return {
    executorFor(column) {
      const id = executorIdOf(column.config);
      return id === null ? undefined : executors.get(id);
    },
  };
}
