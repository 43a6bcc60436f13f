import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEEP_SEARCH_COMPANIES, startDeepResearchEnvironment, type DeepResearchEnvironment } from '../fixtures/fixture-web/deep-search/index.ts';
import { runFathom } from '../support/spawn-fathom.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const company = DEEP_SEARCH_COMPANIES.find((item) => !item.isDead && item.isEurope)!;

/** `fathom research` as a user runs it, against a server whose Deep Research reads the fixture web. */
describe('fathom research (subprocess, SQLite server)', () => {
  let environment: DeepResearchEnvironment;
  let server: TestServer;
  beforeAll(async () => {
    environment = await startDeepResearchEnvironment();
    server = await startTestServer('sqlite', { withWorkers: true, environment: environment.environment, agentOverrides: environment.agentOverrides });
  });
  afterAll(async () => {
    await server?.close();
    await environment?.close();
  });
  const fathom = (args: string[]) => runFathom(args, { FATHOM_BASE_URL: server.baseUrl, FATHOM_API_TOKEN: server.tokens.alice, EXTRUCT_API_TOKEN: '' });

  it('creates a task, reports its progress, and prints the cited report; a vague brief exits 1 with the reason', async () => {
    const brief = `Research ${company.name} (${environment.web.urlFor(company.slug)}).\n- Where is ${company.name} headquartered?`;
    const result = await fathom(['research', brief, '--poll-seconds', '1', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/done · iterations 3 · agents 1 · sources 1/);
    const task = JSON.parse(result.stdout);
    expect(task.status).toBe('done');
    expect(task.report.markdown).toContain(`${company.city}, ${company.country}`);
    expect(task.report.markdown).toContain('[1]');

    const vague = await fathom(['research', 'anything good', '--poll-seconds', '1', '--json']);
    expect(vague.code).toBe(1);
    expect(JSON.parse(vague.stdout).failure_reason).toMatch(/Try instead/);
  });
});
