import type { CreateTableRowsInput, DeleteTableRowsInput, GetRowQuery, Row, RowWithColumns, UpdateTableRowsInput } from './api-types.ts';
import type { Transport } from './http-transport.ts';
import { tablePath } from './table-endpoints.ts';

/** /v1/tables/{table_id}/rows endpoints. */
export interface RowEndpoints {
  /** POST: append rows (at most 1,000 per call; `addRowsInBatches` splits bigger lists). Answers the rows in request order. */
  create(tableId: string, input: CreateTableRowsInput): Promise<Row[]>;
  /** PATCH: rows with `id` merge their data, rows without are created. */
  update(tableId: string, input: UpdateTableRowsInput): Promise<Row[]>;
  /** DELETE: by id (child rows too); answers the deleted ids. */
  delete(tableId: string, input: DeleteTableRowsInput): Promise<string[]>;
  /** GET one row with its cells, run status and the table's columns. */
  get(tableId: string, rowId: string, query?: GetRowQuery): Promise<RowWithColumns>;
}

export function createRowEndpoints(transport: Transport): RowEndpoints {
  return {
    create: async (tableId, input) => (await transport.request<Row[]>({ method: 'POST', path: tablePath(tableId, '/rows'), body: input })).body,
    update: async (tableId, input) => (await transport.request<Row[]>({ method: 'PATCH', path: tablePath(tableId, '/rows'), body: input })).body,
    delete: async (tableId, input) => (await transport.request<string[]>({ method: 'DELETE', path: tablePath(tableId, '/rows'), body: input })).body,
    get: async (tableId, rowId, query = {}) =>
      (await transport.request<RowWithColumns>({ method: 'GET', path: tablePath(tableId, `/rows/${encodeURIComponent(rowId)}`), query })).body,
  };
}
