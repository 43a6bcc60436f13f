import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../fixtures/openai-compatible-server/index.ts';
import { createHttpClient } from '../support/http-client.ts';
import { startFathomServer } from '../support/spawn-fathom.ts';
import { waitFor } from '../support/wait-for.ts';

const TOKEN = 'graceful-token-0123456789';

describe('graceful shutdown (fathom serve on SQLite, SIGTERM mid-run)', () => {
  const directory = mkdtempSync(join(tmpdir(), 'fathom-graceful-'));
  let llm: OpenAiCompatibleServer;
  beforeAll(async () => {
    llm = await startOpenAiCompatibleServer({ rules: [{ reply: { answer: 'finished', explanation: 'e', sources: [] }, delayMs: 1_500 }] });
  });
  afterAll(async () => {
    await llm.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('stops claiming, lets running cells finish, and leaves nothing in progress', async () => {
    const environment = {
      FATHOM_DB_PATH: join(directory, 'fathom.db'),
      FATHOM_API_TOKEN: TOKEN,
      FATHOM_LLM_BASE_URL: llm.baseUrl,
      FATHOM_LLM_MODEL: 'test-model',
      FATHOM_WORKER_CONCURRENCY: '2',
      FATHOM_POLL_INTERVAL_MS: '50',
    };
    const first = await startFathomServer(environment);
    const client = createHttpClient(first.url, TOKEN);
    const table = (
      await client.post('/v1/tables', {
        kind: 'generic',
        column_configs: [{ kind: 'agent', name: 'A', key: 'a', value: { agent_type: 'llm', prompt: 'Slow {input}' } }],
      })
    ).body;
    await client.post(`/v1/tables/${table.id}/rows`, { rows: Array.from({ length: 6 }, (_, index) => ({ data: { input: `row ${index}` } })), run: true });
    await waitFor(async () => (llm.inFlight === 2 ? true : undefined));
    const stoppedAt = Date.now();
    expect(await first.stop()).toBe(0);
    expect(Date.now() - stoppedAt).toBeGreaterThan(500);
    expect(llm.calls.filter((call) => call.clientAborted)).toHaveLength(0);

    // Reopen the database without workers to see exactly what the first process left.
    const second = await startFathomServer(environment, ['--no-workers']);
    try {
      const secondClient = createHttpClient(second.url, TOKEN);
      const data = (await secondClient.get(`/v1/tables/${table.id}/data`)).body;
      const statuses = data.rows.map((row: any) => row.data.a.status);
      expect(statuses.filter((status: string) => status === 'done')).toHaveLength(2);
      expect(statuses.filter((status: string) => status === 'in_progress')).toHaveLength(0);
      expect(statuses.filter((status: string) => status === 'requested')).toHaveLength(4);
    } finally {
      await second.stop();
    }
  }, 60_000);
});
