import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino, { type Logger } from 'pino';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type AgentOverrides, createFathom, listen, type Fathom } from '../../src/main.ts';
import { createApiToken } from '../../src/services/api-tokens.ts';
import type { DatabaseLocation } from '../../src/store/open-database.ts';
import type { ExecutorRegistry } from '../../src/engine/cell-executor.ts';
import type { CompanyProfileBuilding } from '../../src/services/company-search/company-lookup-service.ts';
import type { JobKind } from '../../src/engine/jobs/job-kind.ts';
import type { Backend } from './backends.ts';
import { createHttpClient, type HttpClient } from './http-client.ts';

export interface TestServer {
  backend: Backend;
  baseUrl: string;
  fathom: Fathom;
  /** Workspace A's admin. */
  alice: HttpClient;
  /** Another user of workspace A. */
  carol: HttpClient;
  /** Workspace B: must never see A's data. */
  bob: HttpClient;
  anonymous: HttpClient;
  tokens: { alice: string; carol: string; bob: string };
  close(): Promise<void>;
}

/**
 * A real server on 127.0.0.1 over a fresh database: a temporary SQLite file, or a PostgreSQL
 * schema of its own (dropped on close) so parallel test files never see each other's rows.
 */
export interface TestServerOptions {
  /** Extra environment for loadConfig (LLM base URL, limits…). */
  environment?: Record<string, string>;
  /** Run the engine in the server (default false: suites about the API read queue state as is). */
  withWorkers?: boolean;
  executors?: ExecutorRegistry;
  /** The agents' outbound access (the fixture web's resolver), when the server builds its own agents. */
  agentOverrides?: AgentOverrides;
  /** With `executors`: builds company profiles for lookups on demand and imported domains. */
  profileBuilder?: CompanyProfileBuilding;
  /** Job kinds beside the built-in ones. */
  extraJobKinds?: readonly JobKind<unknown>[];
  /** The server's logger (default: silent, or FATHOM_TEST_LOG_LEVEL). */
  logger?: Logger;
}

export async function startTestServer(backend: Backend, settings: TestServerOptions = {}): Promise<TestServer> {
  const environment = settings.environment ?? {};
  const config = loadConfig({ PORT: '0', FATHOM_LOG_LEVEL: 'silent', ...environment });
  let location: DatabaseLocation;
  let cleanup: () => Promise<void>;
  if (backend === 'sqlite') {
    const directory = mkdtempSync(join(tmpdir(), 'fathom-test-'));
    location = { engine: 'sqlite', path: join(directory, 'fathom.db') };
    cleanup = async () => rmSync(directory, { recursive: true, force: true });
  } else {
    const url = inject('postgresUrl');
    if (!url) throw new Error('PostgreSQL backend requested but no PostgreSQL answered');
    const schema = `fathom_test_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
    location = { engine: 'postgres', connectionString: url, schema, poolSize: 5 };
    cleanup = async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    };
  }
  const fathom = await createFathom({
    config,
    logger: settings.logger ?? pino({ level: process.env.FATHOM_TEST_LOG_LEVEL ?? 'silent' }),
    databaseLocation: location,
    withWorkers: settings.withWorkers ?? false,
    ...(settings.executors ? { executors: settings.executors } : {}),
    ...(settings.profileBuilder ? { profileBuilder: settings.profileBuilder } : {}),
    ...(settings.extraJobKinds ? { extraJobKinds: settings.extraJobKinds } : {}),
    ...(settings.agentOverrides ? { agentOverrides: settings.agentOverrides } : {}),
  });
  const { server, url } = await listen(fathom, '127.0.0.1', 0);
  const alice = await createApiToken(fathom.services, { workspaceSlug: 'acme', email: 'alice@acme.test', name: 'alice' });
  const carol = await createApiToken(fathom.services, { workspaceSlug: 'acme', email: 'carol@acme.test', name: 'carol' });
  const bob = await createApiToken(fathom.services, { workspaceSlug: 'globex', email: 'bob@globex.test', name: 'bob' });
  return {
    backend,
    baseUrl: url,
    fathom,
    alice: createHttpClient(url, alice.token),
    carol: createHttpClient(url, carol.token),
    bob: createHttpClient(url, bob.token),
    anonymous: createHttpClient(url, undefined),
    tokens: { alice: alice.token, carol: carol.token, bob: bob.token },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fathom.close();
      await cleanup();
    },
  };
}

export { type ServerOnDatabase, serveExistingDatabase } from './serve-existing-database.ts';
