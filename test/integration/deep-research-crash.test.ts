import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEEP_SEARCH_COMPANIES, startDeepResearchEnvironment, type DeepResearchEnvironment } from '../fixtures/fixture-web/deep-search/index.ts';
import { startConnectProxy } from '../support/connect-proxy.ts';
import { createHttpClient } from '../support/http-client.ts';
import { startFathomProcess } from '../support/spawn-fathom.ts';
import { createScratchPostgresDatabase } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

const TOKEN = 'deep-research-crash-token-012345';
const postgresUrl = inject('postgresUrl');

const company = DEEP_SEARCH_COMPANIES.find((item) => !item.isDead && item.isEurope)!;

/**
 * A Deep Research task survives a worker killed mid-task: an API process and `fathom worker`
 * processes share one PostgreSQL database; the only worker is killed with SIGKILL while its
 * research agents run. Leases expire, the reaper requeues the jobs, a new worker finishes the
 * task, and no agent is counted twice (agents and iterations exact).
 */
describe.skipIf(!postgresUrl)('Deep research crash safety (PostgreSQL, fathom worker, kill -9)', () => {
  const databaseName = `fathom_research_crash_${process.pid}_${Date.now()}`;
  let databaseUrl = '';
  let database: { url: string; drop(): Promise<void> } | undefined;
  let environment: DeepResearchEnvironment;
  let proxy: { url: string; close(): Promise<void> };
  const processes: ChildProcess[] = [];
  let modelCallsInFlight = 0;

  const start = (args: string[], variables: Record<string, string>) => startFathomProcess(processes, args, variables);

  beforeAll(async () => {
    database = await createScratchPostgresDatabase(postgresUrl!, databaseName);
    databaseUrl = database.url;
    environment = await startDeepResearchEnvironment({
      modelDelayMs: 300,
      onModelCall: () => {
        modelCallsInFlight += 1;
        setTimeout(() => (modelCallsInFlight -= 1), 300);
      },
    });
    proxy = await startConnectProxy(Number(new URL(environment.web.urlFor(company.slug)).port));
  });

  afterAll(async () => {
    for (const child of processes) if (child.exitCode === null) child.kill('SIGKILL');
    await environment?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('finishes the task after its worker is killed, each agent counted once', async () => {
    const variables = {
      ...environment.environment,
      DATABASE_URL: databaseUrl,
      FATHOM_API_TOKEN: TOKEN,
      FATHOM_LOG_LEVEL: 'warn',
      FATHOM_LEASE_SECONDS: '2',
      FATHOM_POLL_INTERVAL_MS: '100',
      FATHOM_JOB_CONCURRENCY: '2',
      HTTP_PROXY: proxy.url,
      NO_PROXY: '127.0.0.1,localhost',
      FATHOM_PROXY_IS_SSRF_BOUNDARY: 'true',
      PORT: '0',
    };
    const api = await start(['serve', '--no-workers'], variables);
    const client = createHttpClient(/listening on (http:\/\/\S+)/.exec(api.output())![1]!, TOKEN);
    const victim = await start(['worker'], variables);
    const questions = [
      ...['headquartered', 'founded', 'build'].flatMap((topic) =>
        [1, 2].map(
          (round) =>
            `${topic === 'build' ? `What does ${company.name} build` : topic === 'founded' ? `When was ${company.name} founded` : `Where is ${company.name} headquartered`} (check ${round})?`,
        ),
      ),
    ];
    const brief = `Research ${company.name} (${environment.web.urlFor(company.slug)}).\n${questions.map((question) => `- ${question}`).join('\n')}`;
    const task = (await client.post('/v1/deep_research_tasks', { brief })).body;
    expect(task.id, JSON.stringify(task)).toEqual(expect.any(String));
    await waitFor(async () => ((await client.get(`/v1/deep_research_tasks/${task.id}`)).body.agents >= 1 ? true : undefined), 60_000);
    await waitFor(async () => (modelCallsInFlight > 0 ? true : undefined), 30_000, 1);
    victim.child.kill('SIGKILL');
    const killedAt = (await client.get(`/v1/deep_research_tasks/${task.id}`)).body;
    expect(killedAt.status).toBe('in_progress');
    expect(killedAt.agents).toBeLessThan(6);
    await start(['worker'], variables);

    const finished = await waitFor(
      async () => {
        const current = (await client.get(`/v1/deep_research_tasks/${task.id}`)).body;
        return current.status === 'done' || current.status === 'failed' ? current : undefined;
      },
      90_000,
      200,
    );
    expect(finished, finished.failure_reason).toMatchObject({ status: 'done', agents: 6, iterations: 8 });
    expect(finished.report.markdown).toContain(`${company.city}, ${company.country}`);
    const database = new pg.Client({ connectionString: databaseUrl });
    await database.connect();
    const jobs = await database.query(`select kind, status, count(*)::int as count from jobs group by kind, status order by kind, status`);
    await database.end();
    expect(jobs.rows.filter((row) => row.status === 'running' || row.status === 'pending')).toEqual([]);
    expect(jobs.rows.filter((row) => row.status === 'failed')).toEqual([]);
  }, 180_000);
});
