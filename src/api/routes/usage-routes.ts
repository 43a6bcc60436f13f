import type { Hono } from 'hono';
import type { ServiceContext } from '../../services/service-context.ts';
import { tableUsage } from '../../services/usage-service.ts';
import { presentConfiguredModels, presentUsage } from '../cost-presenters.ts';
import { defineRoute, type AppEnvironment, type RouteCatalog } from '../route-definition.ts';
import { ConfiguredModelsSchema, TableUsageQuerySchema, TableUsageSchema } from '../schemas/cost-schemas.ts';

export function registerUsageRoutes(app: Hono<AppEnvironment>, catalog: RouteCatalog, services: ServiceContext): void {
  defineRoute(
    app,
    catalog,
    {
      method: 'get',
      path: '/v1/tables/{table_id}/usage',
      operationId: 'get_table_usage_v1_tables__table_id__usage_get',
      summary: 'Table Usage (extension)',
      description:
        "What the table's answered cells spent (model calls, tokens, searches, page fetches, dollars) and what the response cache and shared company profiles saved, in total and grouped by run, column, model or day.",
      tag: 'runs',
      query: TableUsageQuerySchema,
      response: TableUsageSchema,
      errors: [401, 404],
    },
    async ({ context, principal, params, query }) => context.json(presentUsage(await tableUsage(services, principal, params.table_id!, query.group_by))),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'get',
      path: '/v1/models',
      operationId: 'list_models_v1_models_get',
      summary: 'Configured Models (extension)',
      description:
        "The models an agent column may name in value.model (a cheap one to classify, a strong one to research), the default, and each model's price. Any other name is refused with 422.",
      tag: 'columns',
      response: ConfiguredModelsSchema,
      errors: [401],
    },
    async ({ context }) => context.json(presentConfiguredModels(services.cost)),
  );
}
