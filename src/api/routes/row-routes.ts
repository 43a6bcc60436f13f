import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { ValidationError } from '../../domain/errors.ts';
import { addRows, deleteRows, getRow, MAX_ROWS_PER_REQUEST, updateRows, type RowsWithCells } from '../../services/row-service.ts';
import type { ServiceContext } from '../../services/service-context.ts';
import { streamJsonArray } from '../json-array-stream.ts';
import { cellsByRow, presentColumn, presentRow } from '../presenters.ts';
import { defineRoute, type AppEnvironment, type RouteCatalog } from '../route-definition.ts';
import { CreateTableRowsInputSchema, DeleteTableRowsInputSchema, GetRowQuerySchema, UpdateTableRowsInputSchema } from '../schemas/row-requests.ts';
import { RowOutputSchema, RowWithColumnsSchema } from '../schemas/shared-schemas.ts';

function checkRowCount(count: number): void {
  if (count > MAX_ROWS_PER_REQUEST) {
    throw ValidationError.single(
      ['body', 'rows'],
      `at most ${MAX_ROWS_PER_REQUEST} rows per request (got ${count}); send them in batches of ${MAX_ROWS_PER_REQUEST} or fewer`,
      'too_long',
    );
  }
}

// About 20,000 cells per streamed part, whatever the table's width.
const STREAMED_PART_CELLS = 20_000;

function presentRows(context: Context, result: RowsWithCells): Response {
  const data = cellsByRow(result.cells, result.columns);
  const rowsPerPart = Math.max(1, Math.floor(STREAMED_PART_CELLS / Math.max(1, result.columns.length)));
  const body = streamJsonArray(result.rows, rowsPerPart, (row) => presentRow(row, data.get(row.id)));
  return context.body(body, 200, { 'content-type': 'application/json' });
}

export function registerRowRoutes(app: Hono<AppEnvironment>, catalog: RouteCatalog, services: ServiceContext): void {
  defineRoute(
    app,
    catalog,
    {
      method: 'post',
      path: '/v1/tables/{table_id}/rows',
      operationId: 'create_table_rows_v1_tables__table_id__rows_post',
      summary: 'Create Table Rows',
      description:
        "Append new rows with input data to the table (at most 1,000 per request, and at most 250,000 cells: rows × the table's columns, else 413). " +
        '`run: true` starts a run over them.',
      tag: 'tables',
      body: CreateTableRowsInputSchema,
      // Cell values and metadata are stored as JSON, and read back as sent.
      keepsNulUnder: [
        ['rows', '*', 'data'],
        ['rows', '*', 'metadata'],
      ],
      response: z.array(RowOutputSchema),
      errors: [401, 404, 413],
    },
    async ({ context, principal, params, body }) => {
      checkRowCount(body.rows.length);
      return presentRows(context, await addRows(services, principal, params.table_id!, body.rows, body.run));
    },
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'patch',
      path: '/v1/tables/{table_id}/rows',
      operationId: 'update_table_rows_v1_tables__table_id__rows_patch',
      summary: 'Update Table Rows',
      description:
        'Rows with `id` merge `data` into their inputs (dependent computed cells become stale); rows without `id` are created. ' +
        "At most 1,000 rows and 250,000 cells (rows × the table's columns) per request, else 413.",
      tag: 'tables',
      body: UpdateTableRowsInputSchema,
      keepsNulUnder: [
        ['rows', '*', 'data'],
        ['rows', '*', 'metadata'],
      ],
      response: z.array(RowOutputSchema),
      errors: [401, 404, 413],
    },
    async ({ context, principal, params, body }) => {
      checkRowCount(body.rows.length);
      return presentRows(context, await updateRows(services, principal, params.table_id!, body.rows, body.run));
    },
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'delete',
      path: '/v1/tables/{table_id}/rows',
      operationId: 'delete_table_rows_v1_tables__table_id__rows_delete',
      summary: 'Delete Table Rows',
      description: 'Deletes rows by id (and the child rows made from them). Answers with the deleted ids.',
      tag: 'tables',
      body: DeleteTableRowsInputSchema,
      response: z.array(z.string()),
      errors: [401, 404],
    },
    async ({ context, principal, params, body }) => context.json(await deleteRows(services, principal, params.table_id!, body.rows)),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'get',
      path: '/v1/tables/{table_id}/rows/{row_id}',
      operationId: 'get_table_row_v1_tables__table_id__rows__row_id__get',
      summary: 'Get Table Row',
      tag: 'tables',
      query: GetRowQuerySchema,
      response: RowWithColumnsSchema,
      errors: [401, 404],
    },
    async ({ context, principal, params, query }) => {
      const details = await getRow(services, principal, params.table_id!, params.row_id!);
      const row = details.rows[0]!;
      const data = cellsByRow(details.cells, details.columns).get(row.id);
      const parentData =
        query.include_parent_data && details.parent ? (cellsByRow(details.parent.cells, details.parent.columns).get(row.parentRowId!) ?? null) : null;
      const isRunning = details.cells.some((cell) => cell.status === 'requested' || cell.status === 'in_progress');
      return context.json({
        ...presentRow(row, data, parentData),
        status: isRunning ? 'running' : 'idle',
        columns: details.columns.map(presentColumn),
      });
    },
  );
}
