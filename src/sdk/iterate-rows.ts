import type { TableDataRow } from './api-types.ts';
import type { TableEndpoints } from './table-endpoints.ts';

export interface IterateRowsOptions {
  /** Rows per request, 1…1000; default 500. */
  pageSize?: number;
  /** Only these column keys' cells (the server's `columns=` projection). */
  columns?: string[];
  /** Start at this row offset; default 0. */
  offset?: number;
  /** Stops the iteration between pages. */
  signal?: AbortSignal;
}

const DEFAULT_PAGE_SIZE = 500;

/**
 * Every row of a table in creation order, one `/data?offset&limit` page at a time, so memory
 * stays flat however big the table is. Offsets shift if rows are deleted while iterating.
 */
export async function* iterateRows(tables: Pick<TableEndpoints, 'data'>, tableId: string, options: IterateRowsOptions = {}): AsyncGenerator<TableDataRow> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  let offset = options.offset ?? 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await tables.data(tableId, { offset, limit: pageSize, columns: options.columns });
    yield* page.rows;
    // A short page is the last one (contract §0: clients stop when a page has fewer than `limit`).
    if (page.rows.length < pageSize) return;
    offset += page.rows.length;
  }
}
