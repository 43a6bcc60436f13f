import { ApiError } from '../api/api-error.ts';
import type { CellChange, TableStatus } from '../api/api-types.ts';
import type { FathomApi } from '../api/fathom-api.ts';
import { ServerSentEventParser } from './server-sent-event-parser.ts';

export interface TableEventHandlers {
  /** Cells changed (batched by the server); `status` is the table's status after them. */
  onCells(cells: CellChange[], status: TableStatus | undefined): void;
  /** Only the counters changed. */
  onStatus(status: TableStatus): void;
  /** The stream is open: pushed updates will arrive. */
  onConnected(): void;
  /** The server has no events endpoint (404): the caller falls back to polling. */
  onUnavailable(): void;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 15_000;

/**
 * Follow `GET /v1/tables/{id}/events` until `signal` aborts, reconnecting with backoff when the
 * connection drops. It reads the stream with fetch rather than EventSource because only fetch
 * reports the status: a 404 means "no events endpoint, poll instead" and a 401 means "signed out",
 * where EventSource would retry both forever.
 */
export async function followTableEvents(api: FathomApi, tableId: string, handlers: TableEventHandlers, signal: AbortSignal): Promise<void> {
  let retryMs = FIRST_RETRY_MS;
  while (!signal.aborted) {
    try {
      const response = await api.openTableEvents(tableId, signal);
      if (!response.body) throw new Error('the events response has no body');
      handlers.onConnected();
      retryMs = FIRST_RETRY_MS;
      await readEvents(response.body, handlers, signal);
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof ApiError && error.status === 404) {
        handlers.onUnavailable();
        return;
      }
      // 401 has already signed the user out; anything else is worth another try.
      if (error instanceof ApiError && error.isUnauthorized) return;
    }
    if (signal.aborted) return;
    await sleep(retryMs, signal);
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  }
}

async function readEvents(body: ReadableStream<Uint8Array>, handlers: TableEventHandlers, signal: AbortSignal): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new ServerSentEventParser();
  const stop = () => void reader.cancel().catch(() => {});
  signal.addEventListener('abort', stop, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      // stream: true keeps a UTF-8 character split across two chunks whole.
      for (const event of parser.push(decoder.decode(value, { stream: true }))) dispatch(event.type, event.data, handlers);
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

function dispatch(type: string, data: string, handlers: TableEventHandlers): void {
  let payload: { cells?: CellChange[]; status?: TableStatus };
  try {
    payload = JSON.parse(data) as typeof payload;
  } catch (error) {
    // One bad message must not end the stream; the next batch or a refresh brings the cells anyway.
    console.warn('Fathom: ignored a table event that is not JSON', error);
    return;
  }
  if (type === 'cells' && Array.isArray(payload.cells)) handlers.onCells(payload.cells, payload.status);
  else if (type === 'table' && payload.status) handlers.onStatus(payload.status);
}

function sleep(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, milliseconds);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
