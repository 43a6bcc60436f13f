import type { ApiClient } from './api-client.ts';
import type {
  Column, ColumnConfig, CreateColumnsInput, CreateRowsInput, CreateTableInput, CurrentUser, Run, RunInput, TableData,
  TableDataRow, TableHeader, TableKind, TableSummary, TableWithStatus, UpdateRowsInput, UpdateTableInput,
} from './api-types.ts';

/** The most rows `POST …/rows` and `PATCH …/rows` take in one request (server MAX_ROWS_PER_REQUEST). */
export const MAX_ROWS_PER_REQUEST = 1000;
/** The most rows one `GET …/data` page returns. */
export const MAX_DATA_PAGE = 1000;

export type TableSort = '-created_at' | 'created_at' | 'name' | '-name' | 'num_rows' | '-num_rows';

export interface TableListQuery {
  search?: string;
  kind?: TableKind;
  tags?: string[];
  sort?: TableSort;
  offset?: number;
  limit?: number;
}

export interface TableListPage {
  tables: TableSummary[];
  total: number;
}

const tablePath = (tableId: string) => `/v1/tables/${encodeURIComponent(tableId)}`;

/** Every endpoint the app calls, typed with the server's own schemas. */
export function createFathomApi(client: ApiClient) {
  return {
    client,
    getUser: (signal?: AbortSignal) => client.request<CurrentUser>('GET', '/v1/user', { signal }),

    listTables: async (query: TableListQuery, signal?: AbortSignal): Promise<TableListPage> => {
      const { body, headers } = await client.requestWithHeaders<TableSummary[]>('GET', '/v1/tables', { query: { ...query }, signal });
      return { tables: body, total: Number(headers.get('x-extruct-pagination-total') ?? body.length) };
    },
    createTable: (input: CreateTableInput) => client.request<TableHeader>('POST', '/v1/tables', { body: input }),
    getTable: (tableId: string, signal?: AbortSignal) => client.request<TableWithStatus>('GET', tablePath(tableId), { signal }),
    updateTable: (tableId: string, input: UpdateTableInput) => client.request<TableHeader>('PATCH', tablePath(tableId), { body: input }),
    deleteTable: (tableId: string) => client.request<TableHeader>('DELETE', tablePath(tableId)),
    cloneTable: (tableId: string, schemaOnly: boolean) =>
      client.request<TableHeader>('POST', `${tablePath(tableId)}/clone`, { query: { schema_only: schemaOnly } }),

    /** One page of rows; never called without a limit, so a big table is never read whole. */
    getTableData: (tableId: string, offset: number, limit: number, signal?: AbortSignal) =>
      client.request<TableData>('GET', `${tablePath(tableId)}/data`, { query: { offset, limit }, signal }),

    addRows: (tableId: string, input: CreateRowsInput) => client.request<TableDataRow[]>('POST', `${tablePath(tableId)}/rows`, { body: input }),
    updateRows: (tableId: string, input: UpdateRowsInput) => client.request<TableDataRow[]>('PATCH', `${tablePath(tableId)}/rows`, { body: input }),
    deleteRows: (tableId: string, rowIds: string[]) => client.request<string[]>('DELETE', `${tablePath(tableId)}/rows`, { body: { rows: rowIds } }),

    addColumn: (tableId: string, config: ColumnConfig) =>
      client.request<Column[]>('POST', `${tablePath(tableId)}/columns`, { body: { column_configs: [config] } satisfies CreateColumnsInput }),
    replaceColumn: (tableId: string, columnId: string, config: ColumnConfig) =>
      client.request<Column>('PATCH', `${tablePath(tableId)}/columns/${encodeURIComponent(columnId)}`, { body: config }),
    deleteColumn: (tableId: string, columnId: string) =>
      client.request<Column>('DELETE', `${tablePath(tableId)}/columns/${encodeURIComponent(columnId)}`),

    runTable: (tableId: string, input: RunInput) => client.request<Run>('POST', `${tablePath(tableId)}/run`, { body: input }),
    listRuns: (tableId: string, signal?: AbortSignal) => client.request<Run[]>('GET', `${tablePath(tableId)}/runs`, { query: { limit: 20 }, signal }),
    cancelRun: (tableId: string, runId: string) => client.request<Run>('POST', `${tablePath(tableId)}/runs/${encodeURIComponent(runId)}/cancel`),

    /**
     * The live-update stream (server-sent events); see live-updates/table-events.ts. Read with
     * fetch, so the token travels in the Authorization header rather than in the URL
     * (`?access_token=` is for EventSource clients, which cannot send headers).
     */
    openTableEvents: (tableId: string, signal: AbortSignal) => client.open(`${tablePath(tableId)}/events`, { signal }),
  };
}

export type FathomApi = ReturnType<typeof createFathomApi>;
