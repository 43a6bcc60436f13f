import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../../fixtures/openai-compatible-server/index.ts';
import { createHttpClient, type HttpClient } from '../../support/http-client.ts';
import { startFathomServer, type RunningServer } from '../../support/spawn-fathom.ts';
import { waitFor } from '../../support/wait-for.ts';
import type { HostileTally } from '../hostile-tally.ts';

const TOKEN = 'hostile-crash-token-0123456789';

/** `fathom serve` on a SQLite file, killed with SIGKILL while it ingests and while it runs: nothing acknowledged is lost. */
export function registerCrashCases(tally: HostileTally): void {
  const category = 'kill -9';
  let directory: string;
  let llm: OpenAiCompatibleServer;
  const servers: RunningServer[] = [];
  let environment: Record<string, string>;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'fathom-hostile-crash-'));
    llm = await startOpenAiCompatibleServer({
      rules: [{ reply: (request) => ({ answer: `answer for ${/row-(\d+)/.exec(request.prompt)?.[1]}`, explanation: 'e', sources: [] }), delayMs: 30 }],
    });
    environment = {
      FATHOM_DB_PATH: join(directory, 'fathom.db'),
      FATHOM_API_TOKEN: TOKEN,
      FATHOM_LLM_BASE_URL: llm.baseUrl,
      FATHOM_LLM_MODEL: 'test-model',
      FATHOM_LEASE_SECONDS: '2',
      FATHOM_POLL_INTERVAL_MS: '100',
      FATHOM_LLM_CONCURRENCY: '8',
      FATHOM_WORKER_CONCURRENCY: '8',
    };
  });
  afterAll(async () => {
    for (const running of servers) if (running.child.exitCode === null) running.child.kill('SIGKILL');
    await llm?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const start = async (): Promise<HttpClient> => {
    const running = await startFathomServer(environment);
    servers.push(running);
    return createHttpClient(running.url, TOKEN);
  };
  const kill = async () => {
    const running = servers.at(-1)!;
    const exited = new Promise((resolve) => running.child.once('exit', resolve));
    running.child.kill('SIGKILL');
    await exited;
  };

  tally.hostileCase(
    category,
    'during ingest: every acknowledged row survives',
    async () => {
      let client = await start();
      const table = (await client.post('/v1/tables', { kind: 'generic', name: 'ingest' })).body;
      const acknowledged: string[] = [];
      let batch = 0;
      let isKilled = false;
      const sendBatches = async () => {
        while (!isKilled) {
          const inputs = Array.from({ length: 500 }, (_, index) => `ingest-${batch}-${index}`);
          batch += 1;
          try {
            const response = await client.post(`/v1/tables/${table.id}/rows`, { rows: inputs.map((input) => ({ data: { input } })) });
            if (response.status === 200) acknowledged.push(...inputs);
          } catch {
            return; // the connection died with the server: this batch was never acknowledged
          }
        }
      };
      const senders = [sendBatches(), sendBatches()];
      await waitFor(async () => (acknowledged.length >= 5_000 ? true : undefined), 30_000);
      isKilled = true;
      await kill();
      await Promise.all(senders);
      client = await start();
      const data = (await client.get(`/v1/tables/${table.id}/data`)).body;
      const stored = new Set(data.rows.map((row: { data: { input: { value: string } } }) => row.data.input.value));
      expect(acknowledged.filter((input) => !stored.has(input))).toEqual([]);
      await kill();
    },
    90_000,
  );

  tally.hostileCase(
    category,
    'during a run: every acknowledged row and every finished answer survives, and the run ends',
    async () => {
      let client = await start();
      const column = { kind: 'agent', name: 'Answer', key: 'answer', value: { agent_type: 'llm', prompt: 'Answer for {input}', output_format: 'text' } };
      const table = (await client.post('/v1/tables', { kind: 'generic', name: 'run', column_configs: [column] })).body;
      const rows = Array.from({ length: 200 }, (_, index) => ({ data: { input: `row-${index}` } }));
      const created = await client.post(`/v1/tables/${table.id}/rows`, { rows, run: true });
      expect(created.status).toBe(200);
      const finishedBefore = await waitFor(async () => {
        const data = (await client.get(`/v1/tables/${table.id}/data`)).body;
        const done = data.rows.filter((row: any) => row.data.answer.status === 'done');
        return done.length >= 20 ? done.map((row: any) => [row.id, row.data.answer.value.answer]) : undefined;
      }, 30_000);
      await kill();
      client = await start();
      const data = await waitFor(async () => {
        const table2 = (await client.get(`/v1/tables/${table.id}`)).body;
        return table2.status.run_status === 'idle' && table2.status.num_cells_in_progress === 0
          ? (await client.get(`/v1/tables/${table.id}/data`)).body
          : undefined;
      }, 60_000);
      expect(data.rows).toHaveLength(200);
      const byId = new Map(data.rows.map((row: any) => [row.id, row]));
      for (const [rowId, answer] of finishedBefore) expect((byId.get(rowId) as any).data.answer.value.answer).toBe(answer);
      expect(data.rows.filter((row: any) => row.data.answer.status !== 'done')).toEqual([]);
      await kill();
    },
    120_000,
  );
}
