import type { Logger } from 'pino';
import pg from 'pg';
import type { CellKey, EngineChange } from '../store/store.ts';
import type { QueueSignal } from './queue-signal.ts';

const READY_CHANNEL = 'fathom_cells_ready';
const CHANGE_CHANNEL = 'fathom_cells_changed';
// NOTIFY payloads are limited to 8,000 bytes; a cell key is three UUIDs, about 118 bytes of JSON.
const KEYS_PER_NOTIFICATION = 50;

/**
 * LISTEN/NOTIFY between processes sharing one PostgreSQL database (pg-boss notifier): API
 * processes wake workers, workers wake each other and tell API processes what changed for
 * live updates. If the listening connection drops it reconnects with jittered backoff; polling
 * keeps the engine correct meanwhile.
 */
export function createPostgresQueueSignal(connectionString: string, logger: Logger): QueueSignal {
  const pool = new pg.Pool({ connectionString, max: 2 });
  const readyListeners = new Set<() => void>();
  const changeListeners = new Set<(change: EngineChange) => void>();
  let client: pg.Client | undefined;
  let isClosed = false;
  let reconnectDelayMs = 250;

  const send = (channel: string, payload: string) => {
    pool.query('select pg_notify($1, $2)', [channel, payload]).catch((error) => logger.warn({ err: error, channel }, 'notify-failed'));
  };

  const listen = async (): Promise<void> => {
    if (isClosed) return;
    const listener = new pg.Client({ connectionString });
    listener.on('notification', (message) => {
      if (message.channel === READY_CHANNEL)
        readyListeners.forEach((callback) => {
          callback();
        });
      else if (message.channel === CHANGE_CHANNEL && message.payload) {
        const changedCells = (JSON.parse(message.payload) as [string, string, string][]).map(
          ([tableId, rowId, columnId]): CellKey => ({ tableId, rowId, columnId }),
        );
        const change: EngineChange = { changedCells, newlyReady: 0, endedRunIds: [], lostLeases: 0 };
        changeListeners.forEach((callback) => {
          callback(change);
        });
      }
    });
    listener.on('error', (error) => {
      logger.warn({ err: error }, 'listen-connection-lost');
      scheduleReconnect();
    });
    try {
      await listener.connect();
      await listener.query(`listen ${READY_CHANNEL}`);
      await listener.query(`listen ${CHANGE_CHANNEL}`);
      client = listener;
      reconnectDelayMs = 250;
      // Anything queued while we were not listening is picked up by the next poll; waking now shortens that.
      readyListeners.forEach((callback) => {
        callback();
      });
    } catch (error) {
      logger.warn({ err: error }, 'listen-failed');
      await listener.end().catch(() => undefined);
      scheduleReconnect();
    }
  };

  const scheduleReconnect = () => {
    if (isClosed) return;
    const previous = client;
    client = undefined;
    void previous?.end().catch(() => undefined);
    const wait = reconnectDelayMs * (0.5 + Math.random());
    reconnectDelayMs = Math.min(30_000, reconnectDelayMs * 2);
    setTimeout(() => void listen(), wait).unref();
  };

  void listen();

  return {
    notifyCellsReady: () => send(READY_CHANNEL, ''),
    onCellsReady: (listener) => {
      readyListeners.add(listener);
      return () => readyListeners.delete(listener);
    },
    publishChange: (change) => {
      const keys = change.changedCells.map(({ tableId, rowId, columnId }) => [tableId, rowId, columnId]);
      for (let index = 0; index < keys.length; index += KEYS_PER_NOTIFICATION) {
        send(CHANGE_CHANNEL, JSON.stringify(keys.slice(index, index + KEYS_PER_NOTIFICATION)));
      }
    },
    onChange: (listener) => {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    close: async () => {
      isClosed = true;
      readyListeners.clear();
      changeListeners.clear();
      await client?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
