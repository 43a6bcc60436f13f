import type { Column } from '../domain/records.ts';
import type { TableKind } from '../domain/table-kinds.ts';
import type { CellExecutor, ExecutorRegistry } from '../engine/cell-executor.ts';

export interface AgentSet {
  llm: CellExecutor;
  /** `research_pro`, the legacy `research`, and `research_reasoning` agent columns. */
  research?: CellExecutor;
  /** `linkedin` agent columns. */
  linkedin?: CellExecutor;
  /** `criterion_grade` columns. */
  criterionGrade?: CellExecutor;
  /** The built-in company columns. */
  companyProfile?: CellExecutor;
  companyName?: CellExecutor;
  companyWebsite?: CellExecutor;
}

/** Which executor computes which column: one per column kind or agent type. */
export function createExecutorRegistry(agents: AgentSet): ExecutorRegistry {
  return {
    executorFor(column: Column, _tableKind: TableKind): CellExecutor | undefined {
      const config = column.config;
      switch (config.kind) {
        case 'agent':
          switch (config.value.agent_type) {
            case 'llm':
              return agents.llm;
            case 'research_pro':
            case 'research':
            case 'research_reasoning':
              return agents.research;
            case 'linkedin':
              return agents.linkedin;
          }
          return undefined;
        case 'criterion_grade':
          return agents.criterionGrade;
        case 'company_profile':
          return agents.companyProfile;
        case 'company_name':
          return agents.companyName;
        case 'company_website':
          return agents.companyWebsite;
        default:
          return undefined;
      }
    },
  };
}
