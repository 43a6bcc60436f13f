import type { Hono } from 'hono';
import type { Cell, Row } from '../../domain/records.ts';
import { isEmptyInput } from '../../services/row-input.ts';
import type { ServiceContext } from '../../services/service-context.ts';
import { openTableData, type DataPage, type TableDataView } from '../../services/table-data-service.ts';
import { cellsByRow, presentRow, presentTableWithStatus } from '../presenters.ts';
import { parseFilterParameter } from '../find-parameters.ts';
import { defineRoute, type AppEnvironment, type RouteCatalog } from '../route-definition.ts';
import { TableDataOutputSchema, TableDataQuerySchema } from '../schemas/table-requests.ts';

const STREAM_PAGE_SIZE = 500;
// Bounds the memory and event-loop time of one streamed part (a 2,000-column table sends 10 rows a part).
const STREAM_PART_CELLS = 20_000;

export function registerTableDataRoute(app: Hono<AppEnvironment>, catalog: RouteCatalog, services: ServiceContext): void {
  defineRoute(
    app,
    catalog,
    {
      method: 'get',
      path: '/v1/tables/{table_id}/data',
      operationId: 'get_table_data_v1_tables__table_id__data_get',
      summary: 'Get Table Data',
      description:
        'Rows in creation order with their cells. Without `limit` every row is returned, streamed; `limit` is at most 1000. ' +
        'Extensions: `columns=key1,key2` returns only those cells; `filter` (JSON array of conditions), `sort` (`key` or `-key`) and `q` ' +
        '(text in any cell) choose and order the rows; `next_cursor` on a page passed back as `cursor` reads the next page at the cost of the first.',
      tag: 'tables',
      query: TableDataQuerySchema,
      response: TableDataOutputSchema,
      errors: [401, 404],
    },
    async ({ context, principal, params, query }) => {
      const projection = query.columns
        ?.split(',')
        .map((key) => key.trim())
        .filter((key) => key !== '');
      const find = { filter: parseFilterParameter(query.filter), sort: query.sort, search: query.q, cursor: query.cursor };
      const view = await openTableData(services, principal, params.table_id!, projection, find);
      const offset = query.offset ?? 0;
      // `rows` is the last key, so the document splits into `…"rows":[` + rows + `]}`.
      const matching = query.count ? { num_matching_rows: await view.countMatches() } : {};
      const prefixWith = (nextCursor: string | null) =>
        JSON.stringify({ ...presentTableWithStatus(view.details), discovery_tasks: null, ...matching, next_cursor: nextCursor, rows: [] }).slice(0, -2);
      if (query.limit !== undefined) {
        // The page's rows are chosen once, so the answer is one consistent page; their cells are
        // read and serialised in parts, so a wide page never becomes one huge string in memory.
        // One row more than asked tells whether a next page exists.
        const entries = await view.readEntries(view.start, offset, query.limit + 1);
        const page = entries.slice(0, query.limit);
        const nextCursor = entries.length > query.limit ? view.cursorAfter(page.at(-1)!.position) : null;
        const rows = page.map((entry) => entry.row);
        return context.body(streamPageRows(view, prefixWith(nextCursor), rows), 200, { 'content-type': 'application/json' });
      }
      return context.body(streamAllRows(view, prefixWith(null), offset), 200, { 'content-type': 'application/json' });
    },
  );
}

function streamPageRows(view: TableDataView, prefix: string, rows: Row[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const rowsPerPart = rowsPerStreamPart(view);
  let start = 0;
  return new ReadableStream({
    start(controller) {
      controller.enqueue(encoder.encode(prefix));
    },
    async pull(controller) {
      const part = rows.slice(start, start + rowsPerPart);
      if (part.length > 0) {
        const presented = presentPage(view, await view.readCells(part));
        controller.enqueue(encoder.encode((start === 0 ? '' : ',') + presented.join(',')));
      }
      start += part.length;
      if (start >= rows.length) {
        controller.enqueue(encoder.encode(']}'));
        controller.close();
      }
    },
  });
}

/** Every row from the view's start: each part continues after the last row of the one before (keyset, never OFFSET). */
function streamAllRows(view: TableDataView, prefix: string, startOffset: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const rowsPerPart = rowsPerStreamPart(view);
  let after = view.start;
  let offset = startOffset;
  let isFirst = true;
  return new ReadableStream({
    start(controller) {
      controller.enqueue(encoder.encode(prefix));
    },
    async pull(controller) {
      const entries = await view.readEntries(after, offset, rowsPerPart);
      const page = await view.readCells(entries.map((entry) => entry.row));
      const rows = presentPage(view, page);
      if (rows.length > 0) {
        controller.enqueue(encoder.encode((isFirst ? '' : ',') + rows.join(',')));
        isFirst = false;
      }
      after = entries.at(-1)?.position ?? after;
      offset = 0;
      if (entries.length < rowsPerPart) {
        controller.enqueue(encoder.encode(']}'));
        controller.close();
      }
    },
  });
}

/** Rows per streamed part: about STREAM_PART_CELLS cells whatever the table's width. */
function rowsPerStreamPart(view: TableDataView): number {
  return Math.max(1, Math.min(STREAM_PAGE_SIZE, Math.floor(STREAM_PART_CELLS / Math.max(1, view.projected.length))));
}

/** Each row as a JSON string, with is_missing_inputs and parent_data. */
function presentPage(view: TableDataView, page: DataPage): string[] {
  const projectedIds = new Set(view.projected.map((column) => column.id));
  const visible = page.cells.filter((cell) => projectedIds.has(cell.columnId));
  const data = cellsByRow(visible, view.projected);
  const missing = rowsMissingInputs(page.cells, view.dependedInputColumnIds);
  const parentData = cellsByRow(page.parentCells, view.parentColumns);
  return page.rows.map((row) =>
    JSON.stringify({
      ...presentRow(row, data.get(row.id), row.parentRowId ? (parentData.get(row.parentRowId) ?? null) : null),
      is_missing_inputs: missing.has(row.id),
    }),
  );
}

function rowsMissingInputs(cells: Cell[], dependedInputColumnIds: Set<string>): Set<string> {
  const missing = new Set<string>();
  for (const cell of cells) {
    if (dependedInputColumnIds.has(cell.columnId) && isEmptyInput(cell.value)) missing.add(cell.rowId);
  }
  return missing;
}
