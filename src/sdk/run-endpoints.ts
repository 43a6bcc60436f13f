import type { ListRunFailedCellsQuery, ListRunsQuery, Run, RunFailedCells } from './api-types.ts';
import type { CallOptions, Transport } from './http-transport.ts';
import { tablePath } from './table-endpoints.ts';

/** /v1/tables/{table_id}/runs endpoints (Fathom extensions; start a run with `tables.run`). */
export interface RunEndpoints {
  /** GET: runs of the table, newest first. */
  list(tableId: string, query?: ListRunsQuery, call?: CallOptions): Promise<Run[]>;
  /** GET one run. */
  get(tableId: string, runId: string): Promise<Run>;
  /** POST …/cancel: queued cells go back to their previous status. */
  cancel(tableId: string, runId: string): Promise<Run>;
  /** GET …/failed-cells: the run's failed cells with their messages, in table order. */
  failedCells(tableId: string, runId: string, query?: ListRunFailedCellsQuery, call?: CallOptions): Promise<RunFailedCells>;
}

export function createRunEndpoints(transport: Transport): RunEndpoints {
  const runPath = (tableId: string, runId: string, suffix = '') => tablePath(tableId, `/runs/${encodeURIComponent(runId)}${suffix}`);
  return {
    list: async (tableId, query = {}, call = {}) => (await transport.request<Run[]>({ method: 'GET', path: tablePath(tableId, '/runs'), query, ...call })).body,
    get: async (tableId, runId) => (await transport.request<Run>({ method: 'GET', path: runPath(tableId, runId) })).body,
    cancel: async (tableId, runId) => (await transport.request<Run>({ method: 'POST', path: runPath(tableId, runId, '/cancel') })).body,
    failedCells: async (tableId, runId, query = {}, call = {}) =>
      (await transport.request<RunFailedCells>({ method: 'GET', path: runPath(tableId, runId, '/failed-cells'), query, ...call })).body,
  };
}
