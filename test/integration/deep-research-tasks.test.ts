import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCitations } from '../../eval/citation-audit.ts';
import { DEEP_SEARCH_COMPANIES, startDeepResearchEnvironment, type DeepResearchEnvironment } from '../fixtures/fixture-web/deep-search/index.ts';
import { testBackends } from '../support/backends.ts';
import type { HttpClient } from '../support/http-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { waitFor } from '../support/wait-for.ts';

const astra = DEEP_SEARCH_COMPANIES.find((company) => company.slug === 'astrarobotics' && !company.isDead)!;

/** Poll a task until it ends, checking that `iterations`, `agents` and `sources` only grow. */
async function watchTask(client: HttpClient, taskId: string): Promise<any> {
  let previous = { iterations: 0, agents: 0, sources: 0 };
  return waitFor(
    async () => {
      const current = (await client.get(`/v1/deep_research_tasks/${taskId}`)).body;
      for (const key of ['iterations', 'agents', 'sources'] as const) expect(current[key]).toBeGreaterThanOrEqual(previous[key]);
      previous = { iterations: current.iterations, agents: current.agents, sources: current.sources };
      return current.status === 'done' || current.status === 'failed' ? current : undefined;
    },
    60_000,
    100,
  );
}

function brief(environment: DeepResearchEnvironment, questions: string[]): string {
  return `Research ${astra.name} (${environment.web.urlFor(astra.slug)}) for an account review.\n${questions.map((question) => `- ${question}`).join('\n')}`;
}

describe.each(testBackends())('Deep research tasks on %s', (backend) => {
  let environment: DeepResearchEnvironment;
  let server: TestServer;
  beforeAll(async () => {
    environment = await startDeepResearchEnvironment();
    server = await startTestServer(backend, { withWorkers: true, environment: environment.environment, agentOverrides: environment.agentOverrides });
  });
  afterAll(async () => {
    await server?.close();
    await environment?.close();
  });

  it('plans, researches in parallel and writes a markdown report whose every citation is a fetched page containing its excerpt', async () => {
    const created = await server.alice.post('/v1/deep_research_tasks', {
      brief: brief(environment, [`What does ${astra.name} build?`, `Where is ${astra.name} headquartered?`, `When was ${astra.name} founded?`]),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({ status: 'created', depth: 'medium', iterations: 0, agents: 0, sources: 0, report: null, output_schema: null });
    expect(created.body.owner.id).toEqual(expect.any(String));
    const task = await watchTask(server.alice, created.body.id);
    expect(task.status, task.failure_reason).toBe('done');
    expect(task.agents).toBe(3);
    expect(task.iterations).toBe(5);
    expect(task.sources).toBeGreaterThan(0);
    expect(task.usage.model_calls).toBeGreaterThan(0);
    expect(task.usage.page_fetches).toBeGreaterThan(0);
    expect(task.report.kind).toBe('markdown');
    const { markdown, sources } = task.report;
    expect(markdown).toContain(`${astra.city}, ${astra.country}`);
    expect(markdown).toContain('builds autonomous robots for warehouses');
    const cited = [...markdown.matchAll(/\[(\d+)\]/g)].map((match: RegExpMatchArray) => Number(match[1]));
    expect(cited.length).toBeGreaterThanOrEqual(3);
    const ids = new Set(sources.map((source: any) => source.id));
    for (const id of cited) expect(ids.has(id), `[${id}] resolves`).toBe(true);
    const verdicts = await auditCitations(
      environment.web,
      sources.map((source: any) => ({ url: source.url, quote: source.excerpt })),
    );
    for (const verdict of verdicts) {
      expect(verdict.wasFetched, verdict.url).toBe(true);
      expect(verdict.quoteOccurs, `${verdict.url}: ${verdict.quote}`).toBe(true);
    }
    expect(task.report.degradation_reasons).toEqual([]);
  });

  it('writes a schema report valid against output_schema, with basis per field', async () => {
    const outputSchema = {
      type: 'object',
      properties: {
        headquarters: { type: 'string', description: 'headquartered' },
        founded_year: { type: 'integer', description: 'founded' },
      },
      required: ['headquarters', 'founded_year'],
      additionalProperties: false,
    };
    const created = await server.alice.post('/v1/deep_research_tasks', {
      brief: brief(environment, [`Where is ${astra.name} headquartered?`, `When was ${astra.name} founded?`]),
      depth: 'high',
      output_schema: outputSchema,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const task = await watchTask(server.alice, created.body.id);
    expect(task.status, task.failure_reason).toBe('done');
    expect(task.depth).toBe('high');
    expect(task.output_schema).toEqual(outputSchema);
    expect(task.report.kind).toBe('schema');
    expect(task.report.fields).toEqual({ headquarters: `${astra.city}, ${astra.country}`, founded_year: 2010 + (astra.slug.length % 12) });
    const ids = new Set(task.report.sources.map((source: any) => source.id));
    for (const field of ['headquarters', 'founded_year']) {
      expect(task.report.basis[field].length, field).toBeGreaterThan(0);
      for (const id of task.report.basis[field]) expect(ids.has(id)).toBe(true);
    }
  });

  it('caps the agents at the depth budget and lists every limit hit and unanswered question in degradation_reasons', async () => {
    const questions = [
      `Where is ${astra.name} headquartered?`,
      ...Array.from({ length: 25 }, (_, index) => `What was ${astra.name}'s revenue in ${2000 + index}?`),
    ];
    const created = await server.alice.post('/v1/deep_research_tasks', { brief: brief(environment, questions) });
    const task = await watchTask(server.alice, created.body.id);
    expect(task.status, task.failure_reason).toBe('done');
    expect(task.agents).toBe(25);
    const reasons: string[] = task.report.degradation_reasons;
    expect(reasons).toContain('the plan had 26 sub-questions; the medium depth allows 25 research agents');
    expect(reasons.filter((reason) => reason.startsWith('no source answered'))).toHaveLength(24);
    expect(task.degradation_reasons).toEqual(reasons);
    expect(task.report.markdown).toContain(`${astra.city}, ${astra.country}`);
    expect(task.report.markdown).not.toMatch(/revenue/i);
  });

  it("fails with each agent's reason when no agent can read a source (a dead site)", async () => {
    const dead = DEEP_SEARCH_COMPANIES.find((company) => company.isDead)!;
    const created = await server.alice.post('/v1/deep_research_tasks', {
      brief: `Research ${dead.name} (${environment.web.urlFor(dead.slug)}).\n- Where is ${dead.name} headquartered?`,
    });
    const task = await watchTask(server.alice, created.body.id);
    expect(task.status).toBe('failed');
    expect(task.agents).toBe(1);
    expect(task.failure_reason).toMatch(/^No research agent found a source for the brief \(.*headquartered/);
    expect(task.report).toBeNull();
  });

  it('fails a brief with no usable target, with suggestions', async () => {
    const created = await server.alice.post('/v1/deep_research_tasks', { brief: 'tell me something interesting' });
    expect(created.status).toBe(200);
    const task = await watchTask(server.alice, created.body.id);
    expect(task.status).toBe('failed');
    expect(task.failure_reason).toMatch(/names no company/);
    expect(task.failure_reason).toMatch(/Try instead: "Research /);
    expect(task.report).toBeNull();
  });

  it('answers §5.8 errors: 422 with locations, 404 across workspaces, 401; lists newest first', async () => {
    const invalid = [
      [{}, ['body', 'brief']],
      [{ brief: '' }, ['body', 'brief']],
      [{ brief: 'x'.repeat(20_001) }, ['body', 'brief']],
      [{ brief: 'ok', depth: 'low' }, ['body', 'depth']],
      [{ brief: 'ok', output_schema: { type: 'array' } }, ['body', 'output_schema', 'type']],
      [{ brief: 'ok', output_schema: { type: 'object', properties: { a: { type: 'nonsense' } } } }, ['body', 'output_schema']],
    ] as const;
    for (const [body, loc] of invalid) {
      const response = await server.alice.post('/v1/deep_research_tasks', body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(response.body.detail[0].loc).toEqual(loc);
    }
    const first = (await server.alice.post('/v1/deep_research_tasks', { brief: 'nothing in particular' })).body;
    const second = (await server.alice.post('/v1/deep_research_tasks', { brief: 'nothing at all' })).body;
    const listed = (await server.alice.get('/v1/deep_research_tasks?limit=2')).body.map((task: any) => task.id);
    expect(listed).toEqual([second.id, first.id]);
    expect((await server.bob.get(`/v1/deep_research_tasks/${first.id}`)).status).toBe(404);
    expect((await server.bob.get('/v1/deep_research_tasks')).body.map((task: any) => task.id)).not.toContain(first.id);
    expect((await server.alice.get('/v1/deep_research_tasks/no-such-task')).status).toBe(404);
    expect((await server.anonymous.post('/v1/deep_research_tasks', { brief: 'x' })).status).toBe(401);
    expect((await server.anonymous.get('/v1/deep_research_tasks')).status).toBe(401);
    expect((await server.anonymous.get(`/v1/deep_research_tasks/${first.id}`)).status).toBe(401);
  });
});

describe('Deep research without a model (sqlite)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { withWorkers: true, environment: { FATHOM_POLL_INTERVAL_MS: '50' } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('accepts the task, then fails it naming what to configure', async () => {
    const created = await server.alice.post('/v1/deep_research_tasks', { brief: 'Research Acme (https://acme.test): what it builds' });
    expect(created.status).toBe(200);
    const task = await watchTask(server.alice, created.body.id);
    expect(task.status).toBe('failed');
    expect(task.failure_reason).toMatch(/^Deep Research needs a model: /);
  });
});
