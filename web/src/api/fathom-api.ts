import { createFathomClient, FathomApiError, FathomNetworkError } from '../../../src/sdk/index.ts';
import { createStreamClient } from './stream-client.ts';
import { ApiError, apiErrorFromBody } from './api-error.ts';
import type {
  ColumnConfig,
  CreateColumnsInput,
  CreateDiscoveryTaskInput,
  CreateRowsInput,
  CreateTableInput,
  CurrentUser,
  RowCondition,
  RunInput,
  SearchFilters,
  TableData,
  TableDataRow,
  TableKind,
  TableSummary,
  TableViewQuery,
  UpdateRowsInput,
  UpdateTableInput,
} from './api-types.ts';

/** The most rows `POST …/rows` and `PATCH …/rows` take in one request (server MAX_ROWS_PER_REQUEST). */
export const MAX_ROWS_PER_REQUEST = 1000;
/** The most rows one `GET …/data` page returns. */
export const MAX_DATA_PAGE = 1000;

/** Find parameters of a data read. */
export type FindQuery = { filter?: RowCondition[]; sort?: string; q?: string };

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

/**
 * Every call the app makes, through the TypeScript SDK (`fathom/sdk`, the same client the CLI
 * uses), typed with the server's own schemas. SDK errors become ApiErrors, so the UI shows one
 * kind of error everywhere, and a 401 anywhere signs the user out. The live-update stream is
 * read with `stream.open`, since the SDK has no streaming call.
 */
export function createFathomApi(token: string, onUnauthorized: (error: ApiError) => void) {
  const sdk = createFathomClient({ baseUrl: window.location.origin, token, maxRetries: 2 });
  const stream = createStreamClient(token, onUnauthorized);
  const call = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw toApiError(error, onUnauthorized);
    }
  };
  return {
    getUser: () => call(() => sdk.user() as Promise<CurrentUser>),
    /** The models a column may name (`value.model`), with their prices. */
    listModels: () => call(() => sdk.models()),

    listTables: (query: TableListQuery, signal?: AbortSignal): Promise<TableListPage> =>
      call(async () => {
        const page = await sdk.tables.list(query, { signal });
        return { tables: page.tables, total: page.total };
      }),
    createTable: (input: CreateTableInput) => call(() => sdk.tables.create(input)),
    getTable: (tableId: string, signal?: AbortSignal) => call(() => sdk.tables.get(tableId, { signal })),
    updateTable: (tableId: string, input: UpdateTableInput) => call(() => sdk.tables.update(tableId, input)),
    deleteTable: (tableId: string) => call(() => sdk.tables.delete(tableId)),
    cloneTable: (tableId: string, schemaOnly: boolean) => call(() => sdk.tables.clone(tableId, { schema_only: schemaOnly })),

    /**
     * One page of rows; never called without a limit, so a big table is never read whole. With
     * `withCount` and a filter or search it also asks how many rows match: a scan of the table on
     * the server, so only the callers that show the number ask for it, once per find.
     */
    getTableData: (tableId: string, offset: number, limit: number, signal?: AbortSignal, find: FindQuery = {}, withCount = false) =>
      call(
        () =>
          sdk.tables.data(
            tableId,
            { offset, limit, ...find, ...(withCount && (find.filter || find.q) ? { count: true } : {}) },
            { signal },
          ) as Promise<TableData>,
      ),
    /** The page after a cursor (export: each page costs the same however deep). */
    getTableDataAfter: (tableId: string, cursor: string, limit: number, signal: AbortSignal, find: FindQuery = {}) =>
      call(() => sdk.tables.data(tableId, { cursor, limit, ...find }, { signal }) as Promise<TableData>),
    listViews: (tableId: string) => call(() => sdk.tables.listViews(tableId)),
    saveView: (tableId: string, name: string, query: TableViewQuery) => call(() => sdk.tables.saveView(tableId, name, query)),
    deleteView: (tableId: string, viewId: string) => call(() => sdk.tables.deleteView(tableId, viewId)),
    /** How many answers a new column config would mark out of date. */
    previewColumnChange: (tableId: string, columnId: string, config: ColumnConfig) => call(() => sdk.columns.previewChange(tableId, columnId, config)),

    addRows: (tableId: string, input: CreateRowsInput) => call(() => sdk.rows.create(tableId, input) as Promise<TableDataRow[]>),
    updateRows: (tableId: string, input: UpdateRowsInput) => call(() => sdk.rows.update(tableId, input) as Promise<TableDataRow[]>),
    deleteRows: (tableId: string, rowIds: string[]) => call(() => sdk.rows.delete(tableId, { rows: rowIds })),

    addColumn: (tableId: string, config: ColumnConfig) => call(() => sdk.columns.add(tableId, { column_configs: [config] } satisfies CreateColumnsInput)),
    /** Several columns in one request: all are added, or none. */
    addColumns: (tableId: string, configs: ColumnConfig[]) => call(() => sdk.columns.add(tableId, { column_configs: configs } satisfies CreateColumnsInput)),
    replaceColumn: (tableId: string, columnId: string, config: ColumnConfig) => call(() => sdk.columns.update(tableId, columnId, config)),
    deleteColumn: (tableId: string, columnId: string) => call(() => sdk.columns.delete(tableId, columnId)),

    runTable: (tableId: string, input: RunInput) => call(() => sdk.tables.run(tableId, input)),
    /** What a run would queue and cost; queues nothing. */
    estimateRun: (tableId: string, input: Omit<RunInput, 'dry_run'>) => call(() => sdk.tables.estimateRun(tableId, input)),
    /** What the table's answered cells spent and saved, per column. */
    getUsage: (tableId: string, groupBy: 'run' | 'column' | 'model' | 'day') => call(() => sdk.tables.usage(tableId, { group_by: groupBy })),
    listRuns: (tableId: string, signal?: AbortSignal) => call(() => sdk.runs.list(tableId, { limit: 20 }, { signal })),
    getRun: (tableId: string, runId: string) => call(() => sdk.runs.get(tableId, runId)),
    cancelRun: (tableId: string, runId: string) => call(() => sdk.runs.cancel(tableId, runId)),
    /** One page of a run's failed cells with their messages. */
    listRunFailedCells: (tableId: string, runId: string, offset: number, limit: number, signal?: AbortSignal) =>
      call(() => sdk.runs.failedCells(tableId, runId, { offset, limit }, { signal })),
    /** One row with its cells, by id (for a row that is not on screen). */
    getRow: (tableId: string, rowId: string): Promise<Pick<TableDataRow, 'id' | 'data' | 'metadata'>> => call(() => sdk.rows.get(tableId, rowId)),

    /** One page of companies of the workspace's index that match a description (POST /v1/companies/search). */
    searchCompanies: (q: string, filters: SearchFilters | undefined, offset: number, limit: number, signal?: AbortSignal) =>
      call(() => sdk.companies.search(q, { filters, offset, limit, signal })),
    /** One page of companies like the one a domain names (POST /v1/companies/{domain}/similar); the seed is never among them. */
    similarCompanies: (domain: string, filters: SearchFilters | undefined, offset: number, limit: number, signal?: AbortSignal) =>
      call(() => sdk.companies.similar(domain, { filters, offset, limit, signal })),

    listDiscoveryTasks: (offset: number, limit: number) => call(() => sdk.discoveryTasks.list({ offset, limit })),
    createDiscoveryTask: (input: CreateDiscoveryTaskInput) => call(() => sdk.discoveryTasks.create(input)),
    getDiscoveryTask: (taskId: string) => call(() => sdk.discoveryTasks.get(taskId)),
    /** Evaluated companies, most relevant first; readable while the task runs. */
    getDiscoveryResults: (taskId: string, offset: number, limit: number) => call(() => sdk.discoveryTasks.results(taskId, { offset, limit })),
    pauseDiscoveryTask: (taskId: string) => call(() => sdk.discoveryTasks.pause(taskId)),
    resumeDiscoveryTask: (taskId: string, desiredNewResults: number) => call(() => sdk.discoveryTasks.resume(taskId, desiredNewResults)),

    /**
     * The live-update stream (server-sent events); see live-updates/table-events.ts. Read with
     * fetch, so the token travels in the Authorization header rather than in the URL
     * (`?access_token=` is for EventSource clients, which cannot send headers).
     */
    openTableEvents: (tableId: string, signal: AbortSignal) => stream.open(`/v1/tables/${encodeURIComponent(tableId)}/events`, { signal }),
  };
}

/** An SDK error as the app's ApiError; aborts pass through untouched. */
function toApiError(error: unknown, onUnauthorized: (error: ApiError) => void): unknown {
  if (error instanceof FathomApiError) {
    const apiError = apiErrorFromBody(error.status, '', typeof error.body === 'string' ? error.body : JSON.stringify(error.body ?? { detail: error.detail }));
    if (apiError.isUnauthorized) onUnauthorized(apiError);
    return apiError;
  }
  if (error instanceof FathomNetworkError) {
    return new ApiError(0, `Could not reach the Fathom server (${error.message}). Check that it is running and try again.`, { cause: error });
  }
  return error;
}

export type FathomApi = ReturnType<typeof createFathomApi>;
