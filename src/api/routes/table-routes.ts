import type { Hono } from 'hono';
import { z } from 'zod';
import { BadRequestError } from '../../domain/errors.ts';
import { cloneTable } from '../../services/clone-service.ts';
import type { ServiceContext } from '../../services/service-context.ts';
import { createTable, deleteTable, listTables, loadDetails, updateTable } from '../../services/table-service.ts';
import { presentColumn, presentTableHeader, presentTableSummary, presentTableWithStatus } from '../presenters.ts';
import { defineRoute, type AppEnvironment, type RouteCatalog } from '../route-definition.ts';
import { ColumnOutputSchema, TableHeaderSchema, TableHeaderWithStatusSchema } from '../schemas/shared-schemas.ts';
import { CloneTableQuerySchema, CreateTableInputSchema, ListTablesQuerySchema, TableSummarySchema, UpdateTableInputSchema } from '../schemas/table-requests.ts';

const MAX_LIST_LIMIT = 100;

export function registerTableRoutes(app: Hono<AppEnvironment>, catalog: RouteCatalog, services: ServiceContext): void {
  defineRoute(
    app,
    catalog,
    {
      method: 'get',
      path: '/v1/tables',
      operationId: 'list_tables_v1_tables_get',
      summary: 'List Tables',
      description: 'Root tables of the workspace, with x-extruct-pagination-* headers. `limit` above 100 answers 400.',
      tag: 'tables',
      query: ListTablesQuerySchema,
      response: z.array(TableSummarySchema),
      responseHeaders: {
        'x-extruct-pagination-total': 'Tables matching the filters',
        'x-extruct-pagination-total-pages': 'Pages of `limit` tables',
        'x-extruct-pagination-limit': 'The limit used',
        'x-extruct-pagination-offset': 'The offset used',
        'x-extruct-pagination-page': '1-based page number of this offset',
      },
      errors: [400, 401],
    },
    async ({ context, principal, query }) => {
      if (query.limit > MAX_LIST_LIMIT) throw new BadRequestError(`limit must be at most ${MAX_LIST_LIMIT} (got ${query.limit}); page with offset`);
      const { tables, total } = await listTables(services, principal, query);
      context.header('x-extruct-pagination-total', String(total));
      context.header('x-extruct-pagination-total-pages', String(Math.ceil(total / query.limit)));
      context.header('x-extruct-pagination-limit', String(query.limit));
      context.header('x-extruct-pagination-offset', String(query.offset));
      context.header('x-extruct-pagination-page', String(Math.floor(query.offset / query.limit) + 1));
      return context.json(tables.map((table) => presentTableSummary(table, principal)));
    },
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'post',
      path: '/v1/tables',
      operationId: 'create_table_v1_tables_post',
      summary: 'Create Table',
      description: 'Built-in columns of the kind are added automatically; `column_configs` adds more. A table has at most 500 columns (422).',
      tag: 'tables',
      body: CreateTableInputSchema,
      // Column configs are stored as JSON.
      keepsNulUnder: [['column_configs']],
      isBodyOptional: true,
      response: TableHeaderSchema,
      errors: [401],
    },
    async ({ context, principal, body }) => context.json(presentTableHeader(await createTable(services, principal, body))),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'get',
      path: '/v1/tables/{table_id}',
      operationId: 'get_table_v1_tables__table_id__get',
      summary: 'Get Table',
      description: 'The table header, its columns, relationships and the `status` block.',
      tag: 'tables',
      response: TableHeaderWithStatusSchema,
      errors: [401, 404],
    },
    async ({ context, principal, params }) => context.json(presentTableWithStatus(await loadDetails(services.store, principal, params.table_id!))),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'patch',
      path: '/v1/tables/{table_id}',
      operationId: 'update_table_v1_tables__table_id__patch',
      summary: 'Update Table',
      tag: 'tables',
      body: UpdateTableInputSchema,
      response: TableHeaderSchema,
      errors: [401, 404],
    },
    async ({ context, principal, params, body }) => context.json(presentTableHeader(await updateTable(services, principal, params.table_id!, body))),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'delete',
      path: '/v1/tables/{table_id}',
      operationId: 'delete_table_v1_tables__table_id__delete',
      summary: 'Delete Table',
      description: 'Deletes the table, its rows and every child table. Answers with the deleted table.',
      tag: 'tables',
      response: TableHeaderSchema,
      errors: [401, 404],
    },
    async ({ context, principal, params }) => context.json(presentTableHeader(await deleteTable(services, principal, params.table_id!))),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'post',
      path: '/v1/tables/{table_id}/clone',
      operationId: 'clone_table_v1_tables__table_id__clone_post',
      summary: 'Clone Table',
      description: 'Copies the whole parent/child hierarchy; `schema_only=true` copies columns only.',
      tag: 'tables',
      query: CloneTableQuerySchema,
      response: TableHeaderSchema,
      errors: [401, 404],
    },
    async ({ context, principal, params, query }) =>
      context.json(presentTableHeader(await cloneTable(services, principal, params.table_id!, query.schema_only))),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'get',
      path: '/v1/tables/{table_id}/columns',
      operationId: 'list_table_columns_v1_tables__table_id__columns_get',
      summary: 'List Columns (extension)',
      description: 'The columns of Get Table, on their own.',
      tag: 'columns',
      response: z.array(ColumnOutputSchema),
      errors: [401, 404],
    },
    async ({ context, principal, params }) => {
      const details = await loadDetails(services.store, principal, params.table_id!);
      return context.json(details.columns.map(presentColumn));
    },
  );
}
