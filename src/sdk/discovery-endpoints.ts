import type { CreateDiscoveryTaskInput, DiscoveryTask, DiscoveryTaskResults } from './api-types.ts';
import type { Transport } from './http-transport.ts';

/** /v1/discovery_tasks endpoints (Deep Search, contract §5). */
export interface DiscoveryEndpoints {
  /** POST: start a task; answers at once. */
  create(input: CreateDiscoveryTaskInput): Promise<DiscoveryTask>;
  /** GET: tasks of the workspace, newest first. */
  list(query?: { offset?: number; limit?: number }): Promise<DiscoveryTask[]>;
  get(taskId: string): Promise<DiscoveryTask>;
  /** GET …/results: evaluated companies, most relevant first (readable while the task runs). */
  results(taskId: string, query?: { offset?: number; limit?: number }): Promise<DiscoveryTaskResults>;
  /** POST …/resume: look for more companies; 400 once the task is exhausted. */
  resume(taskId: string, desiredNewResults?: number): Promise<DiscoveryTask>;
  /** POST …/pause (extension): stop queueing candidates; what is queued drains. */
  pause(taskId: string): Promise<DiscoveryTask>;
}

export function createDiscoveryEndpoints(transport: Transport): DiscoveryEndpoints {
  const taskPath = (taskId: string, suffix = '') => `/v1/discovery_tasks/${encodeURIComponent(taskId)}${suffix}`;
  return {
    create: async (input) => (await transport.request<DiscoveryTask>({ method: 'POST', path: '/v1/discovery_tasks', body: input })).body,
    list: async (query = {}) => (await transport.request<DiscoveryTask[]>({ method: 'GET', path: '/v1/discovery_tasks', query })).body,
    get: async (taskId) => (await transport.request<DiscoveryTask>({ method: 'GET', path: taskPath(taskId) })).body,
    results: async (taskId, query = {}) => (await transport.request<DiscoveryTaskResults>({ method: 'GET', path: taskPath(taskId, '/results'), query })).body,
    resume: async (taskId, desiredNewResults) =>
      (
        await transport.request<DiscoveryTask>({
          method: 'POST',
          path: taskPath(taskId, '/resume'),
          body: desiredNewResults === undefined ? {} : { desired_new_results: desiredNewResults },
        })
      ).body,
    pause: async (taskId) => (await transport.request<DiscoveryTask>({ method: 'POST', path: taskPath(taskId, '/pause') })).body,
  };
}
