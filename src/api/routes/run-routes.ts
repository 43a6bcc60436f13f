import type { Hono } from 'hono';
import { z } from 'zod';
import type { Run } from '../../domain/run-modes.ts';
import type { RunCellCounts } from '../../domain/run-summary.ts';
import { cancelRun, getRun, listFailedCellsOfRun, listRuns, startRun, type RunWithCounts } from '../../services/run-service.ts';
import { estimateRun } from '../../services/run-estimate-service.ts';
import { STATUS_REASON_MESSAGES } from '../../services/run-caps.ts';
import type { ServiceContext } from '../../services/service-context.ts';
import { presentEstimate } from '../cost-presenters.ts';
import { RunEstimateSchema } from '../schemas/cost-schemas.ts';
import { defineRoute, type AppEnvironment, type RouteCatalog } from '../route-definition.ts';
import {
  ListRunFailedCellsQuerySchema,
  ListRunsQuerySchema,
  RunFailedCellsOutputSchema,
  RunOutputSchema,
  RunTableInputSchema,
} from '../schemas/run-schemas.ts';

/** A run just started has done nothing yet: everything it queued remains. */
function countsOfNewRun(run: Run): RunCellCounts {
  return run.endCounts ? { ...run.endCounts, remaining: 0 } : { done: 0, failed: 0, remaining: run.numRequestedCells };
}

/** The run on the wire; `now` (ISO) measures the duration of a run still going. */
export function presentRun(run: Run | RunWithCounts, now: string) {
  const counts = 'counts' in run ? run.counts : countsOfNewRun(run);
  const endedAt = Date.parse(run.endedAt ?? now);
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
    num_cells_done: counts.done,
    num_cells_failed: counts.failed,
    num_cells_remaining: counts.remaining,
    duration_seconds: Math.max(0, Math.round((endedAt - Date.parse(run.createdAt)) / 100) / 10),
    usage: {
      model_calls: run.usage.modelCalls,
      input_tokens: run.usage.inputTokens,
      output_tokens: run.usage.outputTokens,
      cost: Math.round(run.usage.cost * 1_000_000) / 1_000_000,
      unpriced_cells: run.usage.unpricedCells,
    },
    max_cost: run.caps.maxCost,
    max_cells: run.caps.maxCells,
    status_reason: run.statusReason,
    status_message: run.statusReason ? STATUS_REASON_MESSAGES[run.statusReason] : null,
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
      description:
        'Queues the cells the mode selects in the rows × columns scope and answers at once. A missing or empty body means mode "new". ' +
        'Extensions: dry_run: true queues nothing and answers a RunEstimate; max_cost and max_cells cap the run.',
      tag: 'tables',
      body: RunTableInputSchema,
      isBodyOptional: true,
      response: z.union([RunOutputSchema, RunEstimateSchema]),
      errors: [401, 404],
    },
    async ({ context, principal, params, body }) => {
      const input = {
        mode: body.mode,
        rows: body.rows ?? null,
        columns: body.columns ?? null,
        maxCost: body.max_cost ?? null,
        maxCells: body.max_cells ?? null,
      };
      if (body.dry_run) return context.json(presentEstimate(await estimateRun(services, principal, params.table_id!, input), services.cost));
      return context.json(presentRun(await startRun(services, principal, params.table_id!, input), services.now()));
    },
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
    async ({ context, principal, params, query }) =>
      context.json((await listRuns(services, principal, params.table_id!, query)).map((run) => presentRun(run, services.now()))),
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
    async ({ context, principal, params }) => context.json(presentRun(await getRun(services, principal, params.table_id!, params.run_id!), services.now())),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'get',
      path: '/v1/tables/{table_id}/runs/{run_id}/failed-cells',
      operationId: 'list_run_failed_cells_v1_tables__table_id__runs__run_id__failed_cells_get',
      summary: 'List Failed Cells of a Run (extension)',
      description: "The run's failed cells with their messages, in table order. A cell a later run took over is listed under that run.",
      tag: 'runs',
      query: ListRunFailedCellsQuerySchema,
      response: RunFailedCellsOutputSchema,
      errors: [401, 404],
    },
    async ({ context, principal, params, query }) => {
      const page = await listFailedCellsOfRun(services, principal, params.table_id!, params.run_id!, query);
      return context.json({
        cells: page.cells.map((cell) => ({ row_id: cell.rowId, column_id: cell.columnId, error: cell.error, updated_at: cell.updatedAt })),
        total: page.total,
      });
    },
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
    async ({ context, principal, params }) => context.json(presentRun(await cancelRun(services, principal, params.table_id!, params.run_id!), services.now())),
  );
}
