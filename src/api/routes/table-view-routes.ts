import type { Hono } from 'hono';
import { z } from 'zod';
import type { TableView } from '../../domain/table-views.ts';
import type { ServiceContext } from '../../services/service-context.ts';
import { deleteTableView, listTableViews, saveTableView } from '../../services/table-view-service.ts';
import { defineRoute, type AppEnvironment, type RouteCatalog } from '../route-definition.ts';
import { SaveTableViewInputSchema, TableViewOutputSchema } from '../schemas/table-view-schemas.ts';

/** Extension: named views of a table, shared by everyone who can read it. */
export function registerTableViewRoutes(app: Hono<AppEnvironment>, catalog: RouteCatalog, services: ServiceContext): void {
  defineRoute(
    app,
    catalog,
    {
      method: 'get',
      path: '/v1/tables/{table_id}/views',
      operationId: 'list_table_views_v1_tables__table_id__views_get',
      summary: 'List Table Views',
      description: 'Extension: the saved views of a table (filter, sort, search and columns, as accepted by `GET /v1/tables/{table_id}/data`), by name.',
      tag: 'tables',
      response: z.array(TableViewOutputSchema),
      errors: [401, 404],
    },
    async ({ context, principal, params }) => context.json((await listTableViews(services, principal, params.table_id!)).map(presentTableView)),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'post',
      path: '/v1/tables/{table_id}/views',
      operationId: 'save_table_view_v1_tables__table_id__views_post',
      summary: 'Save Table View',
      description: "Extension: save a named view; saving a name that exists replaces that view's query. Unknown column keys are 422s.",
      tag: 'tables',
      body: SaveTableViewInputSchema,
      response: TableViewOutputSchema,
      errors: [401, 404],
    },
    async ({ context, principal, params, body }) =>
      context.json(presentTableView(await saveTableView(services, principal, params.table_id!, body.name, body.query))),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'delete',
      path: '/v1/tables/{table_id}/views/{view_id}',
      operationId: 'delete_table_view_v1_tables__table_id__views__view_id__delete',
      summary: 'Delete Table View',
      description: 'Extension: delete a saved view.',
      tag: 'tables',
      response: TableViewOutputSchema,
      errors: [401, 404],
    },
    async ({ context, principal, params }) => context.json(presentTableView(await deleteTableView(services, principal, params.table_id!, params.view_id!))),
  );
}

function presentTableView(view: TableView) {
  return { id: view.id, name: view.name, query: view.query, created_at: view.createdAt, updated_at: view.updatedAt };
}
