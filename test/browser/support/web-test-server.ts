import { loadConfig } from '../../../src/config.ts';
import type { ExecutorRegistry } from '../../../src/engine/cell-executor.ts';
import { createAgents, type AgentOverrides, type AgentRegistry } from '../../../src/main.ts';
import { startTestServer, type TestServer, type TestServerOptions } from '../../support/test-server.ts';

export interface WebTestServerOptions extends TestServerOptions {
  /** Run the real agents with these overrides (the fixture web's fetcher options); implies workers. */
  agentOverrides?: AgentOverrides;
}

/** The real server (SQLite, 127.0.0.1), which serves the built app at `/` (build it first). */
export async function startWebTestServer(options: WebTestServerOptions = {}): Promise<TestServer> {
  const { agentOverrides, ...serverOptions } = options;
  if (!agentOverrides) return startTestServer('sqlite', serverOptions);
  // The agents need the server's store (their response cache), and the server needs its
  // executors at start: the engine is given a registry that delegates to agents made just after.
  let agents: AgentRegistry | undefined;
  const lateBound: ExecutorRegistry = { executorFor: (column, tableKind) => agents?.executorFor(column, tableKind) };
  const server = await startTestServer('sqlite', { ...serverOptions, withWorkers: true, executors: lateBound });
  agents = createAgents(loadConfig({ PORT: '0', FATHOM_LOG_LEVEL: 'silent', ...serverOptions.environment }), server.fathom.services.store, agentOverrides);
  const closeServer = server.close;
  server.close = async () => {
    await closeServer();
    await agents?.close();
  };
  return server;
}
