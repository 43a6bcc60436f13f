import { executorIdOf } from '../domain/column-config-schema.ts';
import { namedModelOf } from '../domain/cost/column-model.ts';
import type { CellExecutor, ExecutorRegistry } from '../engine/cell-executor.ts';
import { type AgentDependencies, EXECUTOR_FACTORIES } from './executor-factories.ts';

/**
 * The engine's executor lookup, derived from the column-kind registry: a column's executor id
 * (its agent type or its kind) picks one executor built by its factory. Kinds that are not yet
 * available have no executor; their cells fail with a message saying so.
 *
 * A column that names a model (`value.model`) gets executors built over that model's provider
 * (`dependenciesForModel`), made once per model on first use: every agent type honours it the
 * same way, and the column's calls reach that model.
 */
export function createExecutorRegistry(dependencies: AgentDependencies, dependenciesForModel?: (model: string) => AgentDependencies): ExecutorRegistry {
  const build = (from: AgentDependencies) => new Map<string, CellExecutor>(Object.entries(EXECUTOR_FACTORIES).map(([id, factory]) => [id, factory(from)]));
  const executors = build(dependencies);
  const byModel = new Map<string, Map<string, CellExecutor>>();
  return {
    executorFor(column) {
      const id = executorIdOf(column.config);
      if (id === null) return undefined;
      const model = namedModelOf(column.config);
      if (model === null || !dependenciesForModel) return executors.get(id);
      let modelExecutors = byModel.get(model);
      if (!modelExecutors) {
        modelExecutors = build(dependenciesForModel(model));
        byModel.set(model, modelExecutors);
      }
      return modelExecutors.get(id);
    },
  };
}
