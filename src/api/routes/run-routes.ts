import type { Hono } from 'hono';
import { z } from 'zod';
import type { Run } from '../../domain/run-modes.ts';
import { cancelRun, getRun, listRuns, startRun } from '../../services/run-service.ts';
import type { ServiceContext } from '../../services/service-context.ts';
import { defineRoute, type AppEnvironment, type RouteCatalog } from '../route-definition.ts';
import { ListRunsQuerySchema, RunOutputSchema, RunTableInputSchema } from '../schemas/run-schemas.ts';

export function presentRun(run: Run) {
  return {
    id: run.id,
    created_at: run.createdAt,
    status: run.status,
    rows: run.rowIds,
    columns: run.columnIds,
    num_requested_cells: run.numRequestedCells,
    mode: run.mode,
    updated_at: run.updatedAt,
    ended_at: run.endedAt,
  };
}

export function registerRunRoutes(app: Hono<AppEnvironment>, catalog: RouteCatalog, services: ServiceContext): void {
  defineRoute(
    app,
    catalog,
    {
      method: 'post',
      path: '/v1/tables/{table_id}/run',
      operationId: 'run_table_v1_tables__table_id__run_post',
      summary: 'Run Table',
      description: 'Queues the cells the mode selects in the rows × columns scope and answers at once. A missing or empty body means mode "new".',
      tag: 'tables',
      body: RunTableInputSchema,
      isBodyOptional: true,
      response: RunOutputSchema,
      errors: [401, 404],
    },
    async ({ context, principal, params, body }) => context.json(presentRun(await startRun(services, principal, params.table_id!, body))),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'get',
      path: '/v1/tables/{table_id}/runs',
      operationId: 'list_table_runs_v1_tables__table_id__runs_get',
      summary: 'List Runs (extension)',
      description: 'Runs of the table, newest first.',
      tag: 'runs',
      query: ListRunsQuerySchema,
      response: z.array(RunOutputSchema),
      errors: [401, 404],
    },
    async ({ context, principal, params, query }) => context.json((await listRuns(services, principal, params.table_id!, query)).map(presentRun)),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'get',
      path: '/v1/tables/{table_id}/runs/{run_id}',
      operationId: 'get_table_run_v1_tables__table_id__runs__run_id__get',
      summary: 'Get Run (extension)',
      tag: 'runs',
      response: RunOutputSchema,
      errors: [401, 404],
    },
    async ({ context, principal, params }) => context.json(presentRun(await getRun(services, principal, params.table_id!, params.run_id!))),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'post',
      path: '/v1/tables/{table_id}/runs/{run_id}/cancel',
      operationId: 'cancel_table_run_v1_tables__table_id__runs__run_id__cancel_post',
      summary: 'Cancel Run (extension)',
      description: 'Queued cells go back to their previous status; cells already running finish or are reclaimed.',
      tag: 'runs',
      response: RunOutputSchema,
      errors: [401, 404],
    },
    async ({ context, principal, params }) => context.json(presentRun(await cancelRun(services, principal, params.table_id!, params.run_id!))),
  );
}
