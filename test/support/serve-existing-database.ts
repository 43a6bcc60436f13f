import pino, { type Logger } from 'pino';
import { loadConfig } from '../../src/config.ts';
import type { ExecutorRegistry } from '../../src/engine/cell-executor.ts';
import { createFathom, listen, type Fathom } from '../../src/main.ts';
import { createApiToken } from '../../src/services/api-tokens.ts';
import type { DatabaseLocation } from '../../src/store/open-database.ts';
import { createHttpClient, type HttpClient } from './http-client.ts';

/** Fathom serving an existing database location, with workspace A's admin as `client`. */
export interface ServerOnDatabase {
  fathom: Fathom;
  client: HttpClient;
  /** Stops the server and closes Fathom; the database stays, for the next open. */
  close(): Promise<void>;
}

/**
 * Serves a database the caller keeps between opens (upgrade tests: fill it, turn it into an older
 * release's layout, open it again to migrate; the release fixtures' maker). No workers unless
 * asked, with `executors` for every cell; `logger` receives the server's lines. No vitest import,
 * so scripts outside the test runner use it too.
 */
export async function serveExistingDatabase(
  location: DatabaseLocation,
  settings: { logger?: Logger; withWorkers?: boolean; executors?: ExecutorRegistry } = {},
): Promise<ServerOnDatabase> {
  const config = loadConfig({ PORT: '0', FATHOM_LOG_LEVEL: 'silent' });
  const fathom = await createFathom({
    config,
    logger: settings.logger ?? pino({ level: 'silent' }),
    databaseLocation: location,
    withWorkers: settings.withWorkers ?? false,
    ...(settings.executors ? { executors: settings.executors } : {}),
  });
  const { server, url } = await listen(fathom, '127.0.0.1', 0);
  const { token } = await createApiToken(fathom.services, { workspaceSlug: 'acme', email: 'alice@acme.test', name: 'alice' });
  return {
    fathom,
    client: createHttpClient(url, token),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fathom.close();
    },
  };
}
