import type { Column } from '../domain/records.ts';
import type { TableKind } from '../domain/table-kinds.ts';
import type { CellExecutor, ExecutorRegistry } from '../engine/cell-executor.ts';

export interface AgentSet {
  llm: CellExecutor;
}

/** Which executor computes which column: one per column kind or agent type. */
export function createExecutorRegistry(agents: AgentSet): ExecutorRegistry {
  return {
    executorFor(column: Column, _tableKind: TableKind): CellExecutor | undefined {
      const config = column.config;
      if (config.kind === 'agent' && config.value.agent_type === 'llm') return agents.llm;
      return undefined;
    },
  };
}
