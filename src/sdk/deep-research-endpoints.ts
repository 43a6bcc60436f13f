import type { CreateDeepResearchTaskInput, DeepResearchTask } from './api-types.ts';
import type { Transport } from './http-transport.ts';

/** /v1/deep_research_tasks endpoints (Deep Research, contract §5.8). */
export interface DeepResearchEndpoints {
  /** Starts the research; answers at once with the task (`status: created`). */
  create(input: CreateDeepResearchTaskInput): Promise<DeepResearchTask>;
  /** Newest first. */
  list(query?: { offset?: number; limit?: number }): Promise<DeepResearchTask[]>;
  /** The task, its live counters, and its report once done. */
  get(taskId: string): Promise<DeepResearchTask>;
}

export function createDeepResearchEndpoints(transport: Transport): DeepResearchEndpoints {
  return {
    create: async (input) => (await transport.request<DeepResearchTask>({ method: 'POST', path: '/v1/deep_research_tasks', body: input })).body,
    list: async (query = {}) => (await transport.request<DeepResearchTask[]>({ method: 'GET', path: '/v1/deep_research_tasks', query })).body,
    get: async (taskId) => (await transport.request<DeepResearchTask>({ method: 'GET', path: `/v1/deep_research_tasks/${encodeURIComponent(taskId)}` })).body,
  };
}
