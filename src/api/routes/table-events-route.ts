import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { CellChangeFeed } from '../../engine/cell-change-feed.ts';
import type { ServiceContext } from '../../services/service-context.ts';
import { loadDetails } from '../../services/table-service.ts';
import type { CellKey } from '../../store/queue-store.ts';
import { presentCell, presentTableStatus } from '../presenters.ts';
import { defineRoute, type AppEnvironment, type RouteCatalog } from '../route-definition.ts';
import { named } from '../schemas/registry.ts';

const BATCH_WINDOW_MS = 250;
const STATUS_POLL_MS = 2_000;
const KEEP_ALIVE_MS = 15_000;

export interface TableEventsOptions {
  changeFeed: CellChangeFeed;
  /** Where failures of a stream are logged (a stream that fails ends; the client reconnects). */
  logger: Logger;
  /** Test seam: shorter timers. */
  statusPollMs?: number;
}

/**
 * Live updates for one table (extension): Server-Sent Events carrying the cells that changed,
 * batched over 250 ms, with the table's status block. Changes come from the engine's change
 * feed (in-process, or LISTEN/NOTIFY when workers run elsewhere); a status poll every 2 s
 * covers changes made by API calls. EventSource cannot send headers, so the token may also be
 * given as `?access_token=`.
 */
export function registerTableEventsRoute(app: Hono<AppEnvironment>, catalog: RouteCatalog, services: ServiceContext, options: TableEventsOptions): void {
  defineRoute(
    app,
    catalog,
    {
      method: 'get',
      path: '/v1/tables/{table_id}/events',
      operationId: 'table_events_v1_tables__table_id__events_get',
      summary: 'Table Events (extension)',
      description:
        'text/event-stream. `event: cells` data {cells: [{row_id, column_id, column_key, value, status, updated_at, error}], status}; ' +
        '`event: table` data {status}. Authenticate with the Authorization header or `?access_token=`.',
      tag: 'runs',
      query: z.object({ access_token: z.string().optional() }),
      response: named('TableEventsStream', z.string().describe('A text/event-stream of cells and table events.')),
      errors: [401, 404],
    },
    async ({ context, principal, params }) => {
      const first = await loadDetails(services.store, principal, params.table_id!);
      const tableId = first.table.id;
      return streamSSE(context, async (stream) => {
        let pending = new Map<string, CellKey>();
        let lastStatus = JSON.stringify(presentTableStatus(first.table, first.columns));
        let timer: NodeJS.Timeout | undefined;
        // A failure ends this stream only, logged with the table it served; EventSource reconnects.
        const fail = (error: unknown, during: string) => {
          if (stream.aborted) return;
          options.logger.warn({ err: error, tableId, during }, 'table-events-failed');
          stream.abort();
        };
        const send = async (event: string, data: unknown) => {
          if (!stream.aborted) await stream.writeSSE({ event, data: JSON.stringify(data) });
        };
        const currentStatus = async () => {
          const details = await loadDetails(services.store, principal, tableId);
          return { details, status: presentTableStatus(details.table, details.columns) };
        };
        const flush = async () => {
          timer = undefined;
          const keys = [...pending.values()];
          pending = new Map();
          if (keys.length === 0) return;
          const { details, status } = await currentStatus();
          const keyOf = new Map(details.columns.map((column) => [column.id, column.key]));
          const wanted = new Set(keys.map((key) => `${key.rowId}/${key.columnId}`));
          const cells = (await services.store.listCells([...new Set(keys.map((key) => key.rowId))], [...new Set(keys.map((key) => key.columnId))]))
            .filter((cell) => wanted.has(`${cell.rowId}/${cell.columnId}`) && keyOf.has(cell.columnId))
            .map((cell) => ({ row_id: cell.rowId, column_id: cell.columnId, column_key: keyOf.get(cell.columnId)!, ...presentCell(cell), error: cell.error }));
          lastStatus = JSON.stringify(status);
          await send('cells', { cells, status });
        };
        const unsubscribe = options.changeFeed.subscribe((changedCells) => {
          for (const key of changedCells) if (key.tableId === tableId) pending.set(`${key.rowId}/${key.columnId}`, key);
          if (pending.size > 0) timer ??= setTimeout(() => void flush().catch((error) => fail(error, 'cells')), BATCH_WINDOW_MS);
        });
        const statusPoll = setInterval(() => {
          void currentStatus()
            .then(async ({ status }) => {
              const text = JSON.stringify(status);
              if (text !== lastStatus) {
                lastStatus = text;
                await send('table', { status });
              }
            })
            .catch((error) => fail(error, 'status'));
        }, options.statusPollMs ?? STATUS_POLL_MS);
        const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n').catch((error) => fail(error, 'keep-alive')), KEEP_ALIVE_MS);
        try {
          await send('table', { status: JSON.parse(lastStatus) });
          if (!stream.aborted) await new Promise<void>((resolve) => stream.onAbort(resolve));
        } catch (error) {
          fail(error, 'start');
        } finally {
          unsubscribe();
          clearTimeout(timer);
          clearInterval(statusPoll);
          clearInterval(keepAlive);
        }
      });
    },
  );
}
