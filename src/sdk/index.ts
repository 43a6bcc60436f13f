/**
 * `fathom/sdk`: a typed client for the Fathom (Extruct v1 compatible) API.
 *
 *   const client = createFathomClient({ baseUrl: 'http://127.0.0.1:8000', token });
 *   const table = await client.tables.create({ kind: 'company', name: 'Prospects' });
 *   await client.addRowsInBatches(table.id, domains.map((input) => ({ data: { input } })));
 *   await client.tables.run(table.id);
 *   await client.waitForIdle(table.id, { onProgress: ({ status }) => console.log(status) });
 *   for await (const row of client.iterateRows(table.id)) console.log(row.data);
 */
export { createFathomClient, type FathomClient, type FathomClientOptions } from './fathom-client.ts';
export { FathomApiError, FathomNetworkError, FathomWaitTimeoutError } from './fathom-errors.ts';
export { isIdle, type IdleProgress, type WaitForIdleOptions } from './wait-for-idle.ts';
export type { IterateRowsOptions } from './iterate-rows.ts';
export type { AddRowsInBatchesOptions, AddRowsResult, BatchProgress } from './add-rows-in-batches.ts';
export type { AccountEndpoints } from './account-endpoints.ts';
export type { TableEndpoints } from './table-endpoints.ts';
export type { RowEndpoints } from './row-endpoints.ts';
export type { ColumnEndpoints } from './column-endpoints.ts';
export type { RunEndpoints } from './run-endpoints.ts';
export type { DiscoveryEndpoints } from './discovery-endpoints.ts';
export type {
  CompanyEndpoints,
  CompanyImportInput,
  CompanyImportResponse,
  CompanyProfile,
  LookalikeResponse,
  SearchFilters,
  SearchOptions,
  SearchResponse,
} from './company-endpoints.ts';
export type { DeepResearchEndpoints } from './deep-research-endpoints.ts';
export { formatIssue, type CallOptions } from './http-transport.ts';
export type * from './api-types.ts';
