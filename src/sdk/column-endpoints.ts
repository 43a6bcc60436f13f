import type { Column, ColumnConfigInput, CreateTableColumnsInput } from './api-types.ts';
import type { Transport } from './http-transport.ts';
import { tablePath } from './table-endpoints.ts';

/** /v1/tables/{table_id}/columns endpoints. */
export interface ColumnEndpoints {
  /** GET: the table's columns in display order. */
  list(tableId: string): Promise<Column[]>;
  /** POST: add columns (every existing row gets a cell in each); answers the created columns. */
  add(tableId: string, input: CreateTableColumnsInput): Promise<Column[]>;
  /** PATCH: replace a column's config (a complete config, not a merge). */
  update(tableId: string, columnId: string, config: ColumnConfigInput): Promise<Column>;
  /** DELETE: built-in columns and columns others depend on are refused with 422. */
  delete(tableId: string, columnId: string): Promise<Column>;
  /** Extension: how many answers replacing the config with this one would mark out of date (nothing changes). */
  previewChange(tableId: string, columnId: string, config: ColumnConfigInput): Promise<{ num_cells_out_of_date: number; column_keys: string[] }>;
}

export function createColumnEndpoints(transport: Transport): ColumnEndpoints {
  const columnPath = (tableId: string, columnId: string) => tablePath(tableId, `/columns/${encodeURIComponent(columnId)}`);
  return {
    list: async (tableId) => (await transport.request<Column[]>({ method: 'GET', path: tablePath(tableId, '/columns') })).body,
    add: async (tableId, input) => (await transport.request<Column[]>({ method: 'POST', path: tablePath(tableId, '/columns'), body: input })).body,
    update: async (tableId, columnId, config) => (await transport.request<Column>({ method: 'PATCH', path: columnPath(tableId, columnId), body: config })).body,
    delete: async (tableId, columnId) => (await transport.request<Column>({ method: 'DELETE', path: columnPath(tableId, columnId) })).body,
    previewChange: async (tableId, columnId, config) =>
      (
        await transport.request<{ num_cells_out_of_date: number; column_keys: string[] }>({
          method: 'POST',
          path: `${columnPath(tableId, columnId)}/change-preview`,
          body: config,
        })
      ).body,
  };
}
