import type { z } from 'zod';
import type { ImportRequestSchema, ImportResponseSchema } from '../api/routes/company-index-routes.ts';
import type { CompanyResultSchema } from '../api/routes/company-routes.ts';
import type { LookalikeResponseSchema, SearchFiltersInputSchema, SearchResponseSchema } from '../api/schemas/company-search-schemas.ts';
import type { CallOptions, Transport } from './http-transport.ts';

export type SearchFilters = z.input<typeof SearchFiltersInputSchema>;
export type SearchResponse = z.output<typeof SearchResponseSchema>;
export type LookalikeResponse = z.output<typeof LookalikeResponseSchema>;
export type CompanyProfile = z.output<typeof CompanyResultSchema>;
export type CompanyImportInput = z.input<typeof ImportRequestSchema>;
export type CompanyImportResponse = z.output<typeof ImportResponseSchema>;

export interface SearchOptions extends CallOptions {
  filters?: SearchFilters;
  offset?: number;
  /** At most 250; the server's default is 20. */
  limit?: number;
}

/** Company search, lookalikes and lookup over the workspace's company index (contract §2.5, §6). */
export interface CompanyEndpoints {
  /** POST /v1/companies/search. */
  search(q: string, options?: SearchOptions): Promise<SearchResponse>;
  /** POST /v1/companies/{identifier}/similar: companies like the one named by domain, URL or profile id. */
  similar(identifier: string, options?: SearchOptions): Promise<LookalikeResponse>;
  /** GET /v1/companies/{identifier}: the workspace's profile of a company, built on demand for a domain it lacks. */
  lookup(identifier: string, options?: CallOptions): Promise<CompanyProfile>;
  /** POST /v1/companies/import (Fathom extension): add companies (profiles or bare domains) to the index. */
  import(input: CompanyImportInput, options?: CallOptions): Promise<CompanyImportResponse>;
}

export function createCompanyEndpoints(transport: Transport): CompanyEndpoints {
  const pagination = (options: SearchOptions) =>
    options.offset === undefined && options.limit === undefined ? undefined : { offset: options.offset ?? 0, limit: options.limit ?? 20 };
  return {
    search: async (q, options = {}) =>
      (
        await transport.request<SearchResponse>({
          method: 'POST',
          path: '/v1/companies/search',
          body: { q, filters: options.filters, pagination: pagination(options) },
          signal: options.signal,
        })
      ).body,
    similar: async (identifier, options = {}) =>
      (
        await transport.request<LookalikeResponse>({
          method: 'POST',
          path: `/v1/companies/${encodeURIComponent(identifier)}/similar`,
          body: { filters: options.filters, pagination: pagination(options) },
          signal: options.signal,
        })
      ).body,
    lookup: async (identifier, options = {}) =>
      (await transport.request<CompanyProfile>({ method: 'GET', path: `/v1/companies/${encodeURIComponent(identifier)}`, signal: options.signal })).body,
    import: async (input, options = {}) =>
      (await transport.request<CompanyImportResponse>({ method: 'POST', path: '/v1/companies/import', body: input, signal: options.signal })).body,
  };
}
