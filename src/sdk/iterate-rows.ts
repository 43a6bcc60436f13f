import type { RowCondition, TableDataRow } from './api-types.ts';
import type { TableEndpoints } from './table-endpoints.ts';

export interface IterateRowsOptions {
  /** Rows per request, 1…1000; default 500. */
  pageSize?: number;
  /** Only these column keys' cells (the server's `columns=` projection). */
  columns?: string[];
  /** Start at this row offset; default 0. */
  offset?: number;
  /** Only rows meeting every condition (extension). */
  filter?: RowCondition[];
  /** Order by this column key (`-key` descending; extension). */
  sort?: string;
  /** Only rows with a cell containing this text (extension). */
  q?: string;
  /** Stops the iteration between pages. */
  signal?: AbortSignal;
}

const DEFAULT_PAGE_SIZE = 500;

/**
 * Every row of a table (in creation order, or the `sort` order, under `filter` and `q`), one
 * `/data` page at a time, so memory stays flat however big the table is. Each page after the
 * first follows the server's `next_cursor` (extension), which costs the same at any depth and
 * neither skips nor repeats rows when rows before it are deleted; against a server without
 * cursors it falls back to offsets.
 */
export async function* iterateRows(tables: Pick<TableEndpoints, 'data'>, tableId: string, options: IterateRowsOptions = {}): AsyncGenerator<TableDataRow> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const find = {
    ...(options.filter && options.filter.length > 0 ? { filter: options.filter } : {}),
    ...(options.sort ? { sort: options.sort } : {}),
    ...(options.q ? { q: options.q } : {}),
  };
  let offset = options.offset ?? 0;
  let cursor: string | undefined;
  for (;;) {
    options.signal?.throwIfAborted();
    const place = cursor ? { cursor } : { offset };
    const page = await tables.data(tableId, { ...place, ...find, limit: pageSize, columns: options.columns });
    yield* page.rows;
    // A short page is the last one (contract §0: clients stop when a page has fewer than `limit`).
    if (page.rows.length < pageSize || page.next_cursor === null) return;
    cursor = page.next_cursor;
    offset += page.rows.length;
  }
}
