import type {
  CloneTableQuery,
  CreateTableInput,
  ListTablesQuery,
  Run,
  RunEstimate,
  RunTableInput,
  TableData,
  TableDataQuery,
  TableHeader,
  TableList,
  TableSummary,
  TableUsage,
  TableUsageQuery,
  TableView,
  TableViewQuery,
  TableWithStatus,
  UpdateTableInput,
} from './api-types.ts';
import type { CallOptions, Transport } from './http-transport.ts';

/** /v1/tables endpoints. */
export interface TableEndpoints {
  /** GET /v1/tables: one page of tables with the pagination totals (limit at most 100). */
  list(query?: ListTablesQuery, call?: CallOptions): Promise<TableList>;
  /** POST /v1/tables: the kind's built-in columns are added; `column_configs` adds more. */
  create(input?: CreateTableInput): Promise<TableHeader>;
  /** GET /v1/tables/{table_id}: header, columns and the `status` counts. */
  get(tableId: string, call?: CallOptions): Promise<TableWithStatus>;
  /** PATCH /v1/tables/{table_id}. */
  update(tableId: string, input: UpdateTableInput): Promise<TableHeader>;
  /** DELETE /v1/tables/{table_id}: the table, its rows and its child tables. */
  delete(tableId: string): Promise<TableHeader>;
  /** POST /v1/tables/{table_id}/clone; `schema_only` copies the columns only. */
  clone(tableId: string, query?: CloneTableQuery): Promise<TableHeader>;
  /** GET /v1/tables/{table_id}/data: rows with cells. Without `limit`, every row (use `iterateRows` for big tables). */
  data(tableId: string, query?: TableDataQuery, call?: CallOptions): Promise<TableData>;
  /** POST /v1/tables/{table_id}/run: queue the cells the mode selects; answers at once. */
  run(tableId: string, input?: RunTableInput): Promise<Run>;
  /**
   * The child tables of a table (the people tables its people finders fill, contract §1.7),
   * read through its `child_relationships`; `GET /v1/tables` lists root tables only.
   */
  children(tableId: string, call?: CallOptions): Promise<TableWithStatus[]>;
  /** The parent table of a child table, or null for a root table. */
  parent(tableId: string, call?: CallOptions): Promise<TableWithStatus | null>;
  /** POST /v1/tables/{table_id}/run with dry_run: true (extension): queues nothing; cells, calls, tokens and cost the run would take. */
  estimateRun(tableId: string, input?: Omit<RunTableInput, 'dry_run'>): Promise<RunEstimate>;
  /** GET /v1/tables/{table_id}/usage (extension): what the table's answered cells spent and saved, grouped. */
  usage(tableId: string, query?: TableUsageQuery): Promise<TableUsage>;
  /** Extension: GET /v1/tables/{table_id}/views, the table's saved views. */
  listViews(tableId: string): Promise<TableView[]>;
  /** Extension: POST /v1/tables/{table_id}/views; a view of the same name is replaced. */
  saveView(tableId: string, name: string, query: TableViewQuery): Promise<TableView>;
  /** Extension: DELETE /v1/tables/{table_id}/views/{view_id}. */
  deleteView(tableId: string, viewId: string): Promise<TableView>;
}

export function tablePath(tableId: string, suffix = ''): string {
  return `/v1/tables/${encodeURIComponent(tableId)}${suffix}`;
}

export function createTableEndpoints(transport: Transport): TableEndpoints {
  const get = async (tableId: string, call: CallOptions = {}) =>
    (await transport.request<TableWithStatus>({ method: 'GET', path: tablePath(tableId), ...call })).body;
  return {
    async list(query = {}, call = {}) {
      const response = await transport.request<TableSummary[]>({ method: 'GET', path: '/v1/tables', query, ...call });
      const header = (name: string, fallback: number) => Number(response.headers.get(`x-extruct-pagination-${name}`) ?? fallback);
      return { tables: response.body, total: header('total', response.body.length), offset: header('offset', 0), limit: header('limit', response.body.length) };
    },
    create: async (input = {}) => (await transport.request<TableHeader>({ method: 'POST', path: '/v1/tables', body: input })).body,
    get,
    update: async (tableId, input) => (await transport.request<TableHeader>({ method: 'PATCH', path: tablePath(tableId), body: input })).body,
    delete: async (tableId) => (await transport.request<TableHeader>({ method: 'DELETE', path: tablePath(tableId) })).body,
    clone: async (tableId, query = {}) => (await transport.request<TableHeader>({ method: 'POST', path: tablePath(tableId, '/clone'), query })).body,
    async data(tableId, query = {}, call = {}) {
      const { columns, filter, ...rest } = query;
      const filterText = filter === undefined || typeof filter === 'string' ? filter : filter.length > 0 ? JSON.stringify(filter) : undefined;
      const request = { method: 'GET' as const, path: tablePath(tableId, '/data'), query: { ...rest, columns: columns?.join(','), filter: filterText } };
      return (await transport.request<TableData>({ ...request, ...call })).body;
    },
    run: async (tableId, input = {}) => (await transport.request<Run>({ method: 'POST', path: tablePath(tableId, '/run'), body: input })).body,
    async children(tableId, call = {}) {
      const table = await get(tableId, call);
      return Promise.all((table.child_relationships ?? []).map((relationship) => get(relationship.table_id, call)));
    },
    async parent(tableId, call = {}) {
      const parent = (await get(tableId, call)).parent_relationships?.[0];
      return parent ? get(parent.table_id, call) : null;
    },
    estimateRun: async (tableId, input = {}) =>
      (await transport.request<RunEstimate>({ method: 'POST', path: tablePath(tableId, '/run'), body: { ...input, dry_run: true } })).body,
    usage: async (tableId, query = {}) => (await transport.request<TableUsage>({ method: 'GET', path: tablePath(tableId, '/usage'), query })).body,
    listViews: async (tableId) => (await transport.request<TableView[]>({ method: 'GET', path: tablePath(tableId, '/views') })).body,
    saveView: async (tableId, name, query) =>
      (await transport.request<TableView>({ method: 'POST', path: tablePath(tableId, '/views'), body: { name, query } })).body,
    deleteView: async (tableId, viewId) =>
      (await transport.request<TableView>({ method: 'DELETE', path: tablePath(tableId, `/views/${encodeURIComponent(viewId)}`) })).body,
  };
}
