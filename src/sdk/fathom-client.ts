import { createAccountEndpoints, type AccountEndpoints } from './account-endpoints.ts';
import { addRowsInBatches, type AddRowsInBatchesOptions, type AddRowsResult } from './add-rows-in-batches.ts';
import type { RowInput, TableDataRow, TableWithStatus } from './api-types.ts';
import { createColumnEndpoints, type ColumnEndpoints } from './column-endpoints.ts';
import { createDeepResearchEndpoints, type DeepResearchEndpoints } from './deep-research-endpoints.ts';
import { createDiscoveryEndpoints, type DiscoveryEndpoints } from './discovery-endpoints.ts';
import { createCompanyEndpoints, type CompanyEndpoints } from './company-endpoints.ts';
import { createTransport } from './http-transport.ts';
import { iterateRows, type IterateRowsOptions } from './iterate-rows.ts';
import { createRowEndpoints, type RowEndpoints } from './row-endpoints.ts';
import { createRunEndpoints, type RunEndpoints } from './run-endpoints.ts';
import { createTableEndpoints, type TableEndpoints } from './table-endpoints.ts';
import { waitForIdle, type WaitForIdleOptions } from './wait-for-idle.ts';

export interface FathomClientOptions {
  /** Where the server listens, e.g. http://127.0.0.1:8000 (no /v1). */
  baseUrl: string;
  /** API token (Authorization: Bearer). Only `healthcheck` works without one. */
  token?: string;
  /** Each attempt is abandoned after this long; default 30,000 ms. */
  timeoutMs?: number;
  /**
   * Retries of 5xx answers and network failures (never of 4xx); default 3. Reads are retried
   * after any network failure; writes only when the connection failed before sending.
   */
  maxRetries?: number;
  /** First retry delay before jitter, doubling each time; default 500 ms. */
  retryBaseDelayMs?: number;
  /** A fetch implementation (tests, proxies); default the global fetch. */
  fetch?: typeof fetch;
}

/** A typed client for every endpoint Fathom implements, plus the helpers scripts need. */
export interface FathomClient extends AccountEndpoints {
  tables: TableEndpoints;
  rows: RowEndpoints;
  columns: ColumnEndpoints;
  runs: RunEndpoints;
  /** Deep Search tasks. */
  discoveryTasks: DiscoveryEndpoints;
  /** Company search, lookalikes, lookup and import over the workspace's company index. */
  companies: CompanyEndpoints;
  deepResearchTasks: DeepResearchEndpoints;
  /** Poll the table until `run_status` is idle and no cell is queued or running. */
  waitForIdle(tableId: string, options?: WaitForIdleOptions): Promise<TableWithStatus>;
  /** Every row of the table, paged through `/data?offset&limit`. */
  iterateRows(tableId: string, options?: IterateRowsOptions): AsyncGenerator<TableDataRow>;
  /** Insert any number of rows in batches of at most 1,000; reports a failure in the result. */
  addRowsInBatches(tableId: string, rows: Iterable<RowInput> | AsyncIterable<RowInput>, options?: AddRowsInBatchesOptions): Promise<AddRowsResult>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 3;
const DEFAULT_RETRY_BASE_DELAY_MS = 500;

/** Create a client. Throws TypeError when `baseUrl` is not an http(s) URL. */
export function createFathomClient(options: FathomClientOptions): FathomClient {
  checkBaseUrl(options.baseUrl);
  const transport = createTransport({
    baseUrl: options.baseUrl,
    token: options.token,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    retryBaseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS,
    // Bound so a user-supplied fetch (or the global one) is never called with the wrong `this`.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
  });
  const tables = createTableEndpoints(transport);
  const rows = createRowEndpoints(transport);
  return {
    ...createAccountEndpoints(transport),
    tables,
    rows,
    columns: createColumnEndpoints(transport),
    runs: createRunEndpoints(transport),
    discoveryTasks: createDiscoveryEndpoints(transport),
    companies: createCompanyEndpoints(transport),
    deepResearchTasks: createDeepResearchEndpoints(transport),
    waitForIdle: (tableId, waitOptions) => waitForIdle(tables, tableId, waitOptions),
    iterateRows: (tableId, iterateOptions) => iterateRows(tables, tableId, iterateOptions),
    addRowsInBatches: (tableId, source, batchOptions) => addRowsInBatches(rows, tableId, source, batchOptions),
  };
}

function checkBaseUrl(baseUrl: string): void {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`base URL "${baseUrl}" is not a URL; expected something like http://127.0.0.1:8000`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`base URL "${baseUrl}" must start with http:// or https://`);
  }
}
