import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../fixtures/openai-compatible-server/index.ts';
import type { Backend } from '../support/backends.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** A server under attack: workers on, a model stand-in, and a small body limit (1 MiB). */
export interface HostileServer {
  server: TestServer;
  llm: OpenAiCompatibleServer;
  close(): Promise<void>;
}

export const HOSTILE_MAX_BODY_BYTES = 1024 * 1024;

export async function startHostileServer(backend: Backend): Promise<HostileServer> {
  const llm = await startOpenAiCompatibleServer();
  const server = await startTestServer(backend, {
    withWorkers: true,
    environment: {
      FATHOM_LLM_BASE_URL: llm.baseUrl,
      FATHOM_LLM_MODEL: 'test-model',
      FATHOM_POLL_INTERVAL_MS: '50',
      FATHOM_MAX_BODY_BYTES: String(HOSTILE_MAX_BODY_BYTES),
    },
  });
  return {
    server,
    llm,
    close: async () => {
      await server.close();
      await llm.close();
    },
  };
}

/** Time of the slowest of the GET /v1/user calls made while `work` runs: how much it stalled everyone else. */
export async function slowestConcurrentUserCall(target: TestServer, work: Promise<unknown>): Promise<number> {
  let isWorking = true;
  const done = work.finally(() => (isWorking = false));
  let slowest = 0;
  while (isWorking) {
    const started = performance.now();
    await target.bob.get('/v1/user');
    slowest = Math.max(slowest, performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await done;
  return slowest;
}
