import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../fixtures/openai-compatible-server/index.ts';
import { createHttpClient, type HttpClient } from '../support/http-client.ts';
import { startFathomProcess } from '../support/spawn-fathom.ts';
import { createScratchPostgresDatabase } from '../support/test-database.ts';
import { waitFor, waitForIdle } from '../support/wait-for.ts';

const CELLS = 5_000;
const TOKEN = 'crash-test-token-0123456789';
const postgresUrl = inject('postgresUrl');

/**
 * Crash safety across processes: an API process and two `fathom worker` processes share one
 * PostgreSQL database; one worker is killed with SIGKILL mid-run. Its leases expire, the reaper
 * requeues its cells, the other worker finishes them: every cell ends done exactly once, no cell's
 * provider call happens more than twice, and the run ends.
 */
describe.skipIf(!postgresUrl)('Engine crash safety (PostgreSQL, 2 worker processes, kill -9)', () => {
  const databaseName = `fathom_crash_${process.pid}_${Date.now()}`;
  let databaseUrl = '';
  let database: { url: string; drop(): Promise<void> } | undefined;
  let llm: OpenAiCompatibleServer;
  const processes: ChildProcess[] = [];
  let client: HttpClient;

  const start = (args: string[], environment: Record<string, string>) => startFathomProcess(processes, args, environment);

  beforeAll(async () => {
    database = await createScratchPostgresDatabase(postgresUrl!, databaseName);
    databaseUrl = database.url;
    llm = await startOpenAiCompatibleServer({
      rules: [{ reply: (request: any) => ({ answer: `done ${/row (\d+)/.exec(request.prompt)?.[1]}`, explanation: 'e', sources: [] }), delayMs: 40 }],
    });
  });

  afterAll(async () => {
    for (const child of processes) if (child.exitCode === null) child.kill('SIGKILL');
    await llm?.close();
    await database?.drop();
  });

  it('ends every cell done exactly once after a worker is killed mid-run', async () => {
    const environment = {
      DATABASE_URL: databaseUrl,
      FATHOM_API_TOKEN: TOKEN,
      FATHOM_LOG_LEVEL: 'warn',
      FATHOM_LLM_BASE_URL: llm.baseUrl,
      FATHOM_LLM_MODEL: 'test-model',
      FATHOM_LLM_CONCURRENCY: '64',
      FATHOM_WORKER_CONCURRENCY: '64',
      FATHOM_LEASE_SECONDS: '2',
      FATHOM_POLL_INTERVAL_MS: '100',
      PORT: '0',
    };
    const api = await start(['serve', '--no-workers'], environment);
    client = createHttpClient(/listening on (http:\/\/\S+)/.exec(api.output())![1]!, TOKEN);
    // The victim works alone until it is killed, so the model calls in flight at that moment are
    // surely its own and must be asked again by the survivor (under load, with two workers from
    // the start, the kill could land while the victim held nothing).
    const victim = await start(['worker'], environment);

    const table = (
      await client.post('/v1/tables', {
        kind: 'generic',
        column_configs: [{ kind: 'agent', name: 'A', key: 'a', value: { agent_type: 'llm', prompt: 'Answer for {input}' } }],
      })
    ).body;
    for (let offset = 0; offset < CELLS; offset += 1_000) {
      await client.post(`/v1/tables/${table.id}/rows`, { rows: Array.from({ length: 1_000 }, (_, index) => ({ data: { input: `row ${offset + index}` } })) });
    }
    const run = (await client.post(`/v1/tables/${table.id}/run`, {})).body;
    await waitFor(async () => ((await client.get(`/v1/tables/${table.id}`)).body.status.num_cells_completed >= 1_000 ? true : undefined), 60_000);
    await waitFor(async () => (llm.inFlight > 0 ? true : undefined), 60_000, 1);
    victim.child.kill('SIGKILL');
    await start(['worker'], environment);

    const data = await waitForIdle(client, table.id, 120_000);
    expect(data.status).toMatchObject({ num_cells_completed: CELLS, num_cells_failed: 0, num_cells_in_progress: 0, run_status: 'idle' });
    data.rows.forEach((row: any, index: number) => {
      expect(row.data.a.status).toBe('done');
      expect(row.data.a.value.answer).toBe(`done ${/row (\d+)/.exec(row.data.input.value)![1]}`);
      if (index === 0) expect(row.data.a.value.answer).toBe('done 0');
    });
    const callsPerRow = new Map<string, number>();
    for (const call of llm.calls) {
      const row = /row (\d+)/.exec(call.chat?.prompt ?? '')?.[1];
      if (row) callsPerRow.set(row, (callsPerRow.get(row) ?? 0) + 1);
    }
    expect(callsPerRow.size).toBe(CELLS);
    expect(Math.max(...callsPerRow.values())).toBeLessThanOrEqual(2);
    // The kill hit cells in flight: they were reclaimed and asked again.
    expect([...callsPerRow.values()].filter((count) => count === 2).length).toBeGreaterThan(0);
    const finished = (await client.get(`/v1/tables/${table.id}/runs/${run.id}`)).body;
    expect(finished.status).toBe('done');
  }, 180_000);
});
