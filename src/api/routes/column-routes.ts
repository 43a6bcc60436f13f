import type { Hono } from 'hono';
import { z } from 'zod';
import { addColumns, deleteColumn, previewColumnChange, replaceColumn } from '../../services/column-service.ts';
import type { ServiceContext } from '../../services/service-context.ts';
import { presentColumn } from '../presenters.ts';
import { defineRoute, type AppEnvironment, type RouteCatalog } from '../route-definition.ts';
import { ColumnChangePreviewSchema, CreateTableColumnsInputSchema, ReplaceColumnInputSchema } from '../schemas/column-requests.ts';
import { ColumnOutputSchema } from '../schemas/shared-schemas.ts';

export function registerColumnRoutes(app: Hono<AppEnvironment>, catalog: RouteCatalog, services: ServiceContext): void {
  defineRoute(
    app,
    catalog,
    {
      method: 'post',
      path: '/v1/tables/{table_id}/columns',
      operationId: 'create_table_columns_v1_tables__table_id__columns_post',
      summary: 'Create Table Columns',
      description: 'Adds columns; every existing row gets a cell in each. Answers with the created columns. A table has at most 500 columns (422).',
      tag: 'columns',
      body: CreateTableColumnsInputSchema,
      keepsNulUnder: [['column_configs']],
      response: z.array(ColumnOutputSchema),
      errors: [401, 404],
    },
    async ({ context, principal, params, body }) => {
      const added = await addColumns(services, principal, params.table_id!, body.column_configs, body.insert_after);
      return context.json(added.map(presentColumn));
    },
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'patch',
      path: '/v1/tables/{table_id}/columns/{column_id}',
      operationId: 'update_table_column_v1_tables__table_id__columns__column_id__patch',
      summary: 'Update Table Column',
      description: 'Replaces the column config (a complete config, not a merge). Existing values are kept; run mode "all" recomputes.',
      tag: 'columns',
      body: ReplaceColumnInputSchema,
      // A column's config is stored as JSON.
      keepsNulUnder: [[]],
      response: ColumnOutputSchema,
      errors: [401, 404],
    },
    async ({ context, principal, params, body }) =>
      context.json(presentColumn(await replaceColumn(services, principal, params.table_id!, params.column_id!, body))),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'delete',
      path: '/v1/tables/{table_id}/columns/{column_id}',
      operationId: 'delete_table_column_v1_tables__table_id__columns__column_id__delete',
      summary: 'Delete Table Column',
      description: 'Built-in columns and columns other columns depend on cannot be deleted (422 names the dependents).',
      tag: 'columns',
      response: ColumnOutputSchema,
      errors: [401, 404],
    },
    async ({ context, principal, params }) => context.json(presentColumn(await deleteColumn(services, principal, params.table_id!, params.column_id!))),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'post',
      path: '/v1/tables/{table_id}/columns/{column_id}/change-preview',
      operationId: 'preview_table_column_change_v1_tables__table_id__columns__column_id__change_preview_post',
      summary: 'Preview Column Change',
      description:
        'Extension: how many answers replacing the column config with this one would mark out of date (the column and every column that reads it), without changing anything.',
      tag: 'columns',
      body: ReplaceColumnInputSchema,
      // A column's config is stored as JSON.
      keepsNulUnder: [[]],
      response: ColumnChangePreviewSchema,
      errors: [401, 404],
    },
    async ({ context, principal, params, body }) => {
      const preview = await previewColumnChange(services, principal, params.table_id!, params.column_id!, body);
      return context.json({ num_cells_out_of_date: preview.numCellsOutOfDate, column_keys: preview.columnKeys });
    },
  );
}
