import type { Logger } from 'pino';
import pg from 'pg';

export interface ChannelHandlers {
  onNotification(payload: string): void;
  /** Runs each time listening (re)starts: notifications sent while not listening were lost. */
  onListening?(): void;
}

/**
 * LISTEN/NOTIFY between processes sharing one PostgreSQL database (pg-boss's notifier): one
 * dedicated listening connection for the channels this process cares about, and a small pool
 * for NOTIFY. If the listening connection drops it reconnects with jittered backoff; polling
 * keeps the engine correct meanwhile.
 */
export interface PostgresNotifications {
  /** Listen on `channel` once started. Register every channel before `start`. */
  listen(channel: string, handlers: ChannelHandlers): void;
  /** Send a notification (fire and forget; a failure is logged). */
  notify(channel: string, payload: string): void;
  /**
   * Connect and LISTEN. Resolves once listening, or once the first attempt failed (reconnects
   * then continue in the background). Without registered channels it opens nothing.
   */
  start(): Promise<void>;
  /** Close the listening connection (waiting for an attempt in flight) and the NOTIFY pool. Idempotent. */
  close(): Promise<void>;
}

const FIRST_RECONNECT_DELAY_MS = 250;
const MAX_RECONNECT_DELAY_MS = 30_000;

export function createPostgresNotifications(connectionString: string, logger: Logger): PostgresNotifications {
  const pool = new pg.Pool({ connectionString, max: 2 });
  const channels = new Map<string, ChannelHandlers>();
  let client: pg.Client | undefined;
  let attempt: Promise<void> | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let reconnectDelayMs = FIRST_RECONNECT_DELAY_MS;
  let isStarted = false;
  let closing: Promise<void> | undefined;

  const connect = async (): Promise<void> => {
    const listener = new pg.Client({ connectionString });
    listener.on('notification', (message) => channels.get(message.channel)?.onNotification(message.payload ?? ''));
    listener.on('error', (error) => {
      // Errors of a connection that never became the listener are handled where it was made.
      if (listener !== client) return;
      logger.warn({ err: error }, 'listen-connection-lost');
      client = undefined;
      void listener.end().catch(() => undefined);
      scheduleReconnect();
    });
    try {
      await listener.connect();
      for (const channel of channels.keys()) await listener.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      logger.warn({ err: error }, 'listen-failed');
      await listener.end().catch(() => undefined);
      scheduleReconnect();
      return;
    }
    // Closed while connecting: this connection must not outlive close().
    if (closing) {
      await listener.end().catch(() => undefined);
      return;
    }
    client = listener;
    reconnectDelayMs = FIRST_RECONNECT_DELAY_MS;
    for (const handlers of channels.values()) handlers.onListening?.();
  };

  const startAttempt = (): Promise<void> => {
    attempt = connect().finally(() => {
      attempt = undefined;
    });
    return attempt;
  };

  const scheduleReconnect = () => {
    if (closing) return;
    const wait = reconnectDelayMs * (0.5 + Math.random());
    reconnectDelayMs = Math.min(MAX_RECONNECT_DELAY_MS, reconnectDelayMs * 2);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void startAttempt();
    }, wait);
    // A process shutting down must not stay alive for a reconnect.
    reconnectTimer.unref();
  };

  return {
    listen: (channel, handlers) => {
      if (isStarted) throw new Error(`listen on ${channel} after start: register every channel first`);
      channels.set(channel, handlers);
    },
    notify: (channel, payload) => {
      if (closing) return;
      pool.query('select pg_notify($1, $2)', [channel, payload]).catch((error) => logger.warn({ err: error, channel }, 'notify-failed'));
    },
    start: async () => {
      if (isStarted) return;
      isStarted = true;
      if (channels.size > 0) await startAttempt();
    },
    close: () => {
      closing ??= (async () => {
        clearTimeout(reconnectTimer);
        await attempt;
        await client?.end().catch((error) => logger.warn({ err: error }, 'listen-close-failed'));
        client = undefined;
        await pool.end();
      })();
      return closing;
    },
  };
}
