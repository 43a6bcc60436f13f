import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDeepSearchEnvironment, WAREHOUSE_CRITERIA, type DeepSearchEnvironment } from '../fixtures/fixture-web/deep-search/index.ts';
import { startConnectProxy } from '../support/connect-proxy.ts';
import { createHttpClient } from '../support/http-client.ts';
import { startFathomProcess } from '../support/spawn-fathom.ts';
import { createScratchPostgresDatabase } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

const TOKEN = 'discovery-crash-token-0123456789';
const postgresUrl = inject('postgresUrl');

/**
 * A Deep Search survives a worker killed mid-task: an API process and `fathom worker` processes
 * share one PostgreSQL database; the only worker is killed with SIGKILL while it evaluates
 * companies. Its job leases expire, the reaper requeues the jobs, a new worker finishes the task,
 * and no company is evaluated twice (one result per company, counters exact).
 */
describe.skipIf(!postgresUrl)('Discovery task crash safety (PostgreSQL, fathom worker, kill -9)', () => {
  const databaseName = `fathom_discovery_crash_${process.pid}_${Date.now()}`;
  let databaseUrl = '';
  let database: { url: string; drop(): Promise<void> } | undefined;
  let environment: DeepSearchEnvironment;
  let proxy: { url: string; close(): Promise<void> };
  const processes: ChildProcess[] = [];
  let modelCallsInFlight = 0;

  const start = (args: string[], variables: Record<string, string>) => startFathomProcess(processes, args, variables);

  beforeAll(async () => {
    database = await createScratchPostgresDatabase(postgresUrl!, databaseName);
    databaseUrl = database.url;
    environment = await startDeepSearchEnvironment({
      modelDelayMs: 60,
      onModelCall: () => {
        modelCallsInFlight += 1;
        setTimeout(() => (modelCallsInFlight -= 1), 60);
      },
    });
    proxy = await startConnectProxy(Number(new URL(environment.web.urlFor('robotdirectory')).port));
  });

  afterAll(async () => {
    for (const child of processes) if (child.exitCode === null) child.kill('SIGKILL');
    await environment?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('finishes the task after its worker is killed, with no company evaluated twice', async () => {
    const variables = {
      ...environment.environment,
      DATABASE_URL: databaseUrl,
      FATHOM_API_TOKEN: TOKEN,
      FATHOM_LOG_LEVEL: 'warn',
      FATHOM_LEASE_SECONDS: '2',
      FATHOM_POLL_INTERVAL_MS: '100',
      FATHOM_JOB_CONCURRENCY: '4',
      HTTP_PROXY: proxy.url,
      NO_PROXY: '127.0.0.1,localhost',
      FATHOM_PROXY_IS_SSRF_BOUNDARY: 'true',
      PORT: '0',
    };
    const api = await start(['serve', '--no-workers'], variables);
    const client = createHttpClient(/listening on (http:\/\/\S+)/.exec(api.output())![1]!, TOKEN);
    const victim = await start(['worker'], variables);
    const task = (await client.post('/v1/discovery_tasks', { query: 'warehouse robotics companies', desired_num_results: 16, criteria: WAREHOUSE_CRITERIA }))
      .body;
    expect(task.id, JSON.stringify(task)).toEqual(expect.any(String));
    await waitFor(async () => ((await client.get(`/v1/discovery_tasks/${task.id}`)).body.num_results_evaluated >= 3 ? true : undefined), 60_000);
    await waitFor(async () => (modelCallsInFlight > 0 ? true : undefined), 30_000, 1);
    victim.child.kill('SIGKILL');
    const killedAt = (await client.get(`/v1/discovery_tasks/${task.id}`)).body;
    expect(killedAt.status).toBe('in_progress');
    await start(['worker'], variables);

    const finished = await waitFor(
      async () => {
        const current = (await client.get(`/v1/discovery_tasks/${task.id}`)).body;
        return current.status === 'done' || current.status === 'failed' ? current : undefined;
      },
      90_000,
      200,
    );
    expect(finished).toMatchObject({ status: 'done', num_results_evaluated: 16, num_results_enriched: 16 });
    const results = (await client.get(`/v1/discovery_tasks/${task.id}/results?limit=100`)).body.results;
    expect(results).toHaveLength(16);
    expect(new Set(results.map((result: any) => result.company_website)).size).toBe(16);
    // Each result was written once: its evaluation state moved forward exactly once.
    const database = new pg.Client({ connectionString: databaseUrl });
    await database.connect();
    const jobs = await database.query(`select kind, status, count(*)::int as count from jobs group by kind, status order by kind, status`);
    await database.end();
    expect(jobs.rows.filter((row) => row.status === 'running' || row.status === 'pending')).toEqual([]);
    expect(jobs.rows.filter((row) => row.status === 'failed')).toEqual([]);
  }, 180_000);
});
