import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeSearchFilters } from '../../src/domain/company-search/search-filters.ts';
import { profileEmbedJobKind } from '../../src/engine/jobs/kinds/profile-embed-job.ts';
import { createEmbeddingProvider } from '../../src/providers/embedding/create-embedding-provider.ts';
import { startOpenAiCompatibleServer } from '../fixtures/openai-compatible-server/index.ts';
import type { OpenAiCompatibleServer } from '../fixtures/openai-compatible-server/types.ts';
import { testBackends } from '../support/backends.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { waitFor } from '../support/wait-for.ts';

const MODEL = 'standin-embed-a';

const COMPANIES = [
  {
    domain: 'paylane.de',
    name: 'Paylane',
    products_services: 'Payroll, payslips, tax filing',
    target_audience: 'HR teams',
    hq_country: 'Germany',
    employee_count: '51-200',
  },
  {
    domain: 'lohnwerk.de',
    name: 'Lohnwerk',
    products_services: 'Payroll processing, time tracking',
    target_audience: 'HR teams',
    hq_country: 'Germany',
    employee_count: '11-50',
  },
  {
    domain: 'payfield.com',
    name: 'Payfield',
    products_services: 'Payroll, benefits, compliance',
    target_audience: 'HR teams at startups',
    hq_country: 'United States',
  },
  { domain: 'gripbot.com', name: 'Gripbot', products_services: 'Picking robots, fleet software', target_audience: 'Logistics operators', hq_country: 'USA' },
  { domain: 'crumbhouse.co.uk', name: 'Crumbhouse Bakery', products_services: 'Bread, pastries, coffee', target_audience: 'Local shoppers', hq_country: 'UK' },
];

type Results = { body: { results: Array<{ domain: string; relevance_score: number }>; request: { ranking: string; ranking_note: string | null } } };
const domainsOf = (response: Results) => response.body.results.map((result) => result.domain);

// Issue 14, embeddings: vectors computed by profile.embed jobs through /v1/embeddings, searched by
// reciprocal-rank fusion with the text ranking; never another workspace's or a deleted profile.
describe.each(testBackends())('Hybrid company search on %s', (backend) => {
  let llm: OpenAiCompatibleServer;
  let server: TestServer;
  const embeddingCalls = () => llm.calls.filter((call) => call.path === '/v1/embeddings');

  beforeAll(async () => {
    llm = await startOpenAiCompatibleServer();
    server = await startTestServer(backend, {
      withWorkers: true,
      environment: { FATHOM_LLM_BASE_URL: llm.baseUrl, FATHOM_LLM_MODEL: 'test-model', FATHOM_EMBEDDING_MODEL: MODEL },
    });
    expect((await server.alice.post('/v1/companies/import', { companies: COMPANIES, source: 'hybrid.ndjson' })).status).toBe(200);
    // Workspace B has a payroll company of its own, embedded in its own matrix.
    expect(
      (await server.bob.post('/v1/companies/import', { companies: [{ domain: 'bobpay.de', name: 'Bobpay', products_services: 'Payroll software' }] })).status,
    ).toBe(200);
    await waitFor(async () => ((await server.fathom.services.store.listWorkspacesToEmbed(MODEL)).length === 0 ? true : undefined), 20_000);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await llm?.close();
  });

  it('computes the vectors in the workers through the provider, stored with the model and dimensions', async () => {
    expect(embeddingCalls().length).toBeGreaterThan(0);
    expect(embeddingCalls().every((call) => (call.body as { model: string }).model === MODEL)).toBe(true);
    const rows = await server.fathom.database.db
      .selectFrom('company_profiles')
      .select(['domain', 'embedding_model', 'embedding_dimensions', 'embedding'])
      .execute();
    expect(rows).toHaveLength(COMPANIES.length + 1);
    for (const row of rows) {
      expect(row).toMatchObject({ embedding_model: MODEL, embedding_dimensions: 256 });
      expect(row.embedding?.byteLength).toBe(256 * 4);
    }
  });

  it('fuses text and vector ranks: a misspelt word the text index does not hold still finds the payroll companies', async () => {
    const response: Results = await server.alice.post('/v1/companies/search', { q: 'peyroll' });
    expect(response.body.request).toMatchObject({ ranking: 'hybrid', ranking_note: null });
    const domains = domainsOf(response);
    expect(domains.slice(0, 3).sort()).toEqual(['lohnwerk.de', 'payfield.com', 'paylane.de']);
    expect(domains).not.toContain('bobpay.de');
    for (const result of response.body.results) expect(result.relevance_score).toBeGreaterThan(0);
    // The same question to a lexical ranking finds nothing: the vectors did it.
    const noFilters = normalizeSearchFilters(undefined, []);
    if (!noFilters.ok) throw new Error('empty filters must normalise');
    const lexical = await server.fathom.services.store.searchCompanyProfiles({
      workspaceId: await aliceWorkspace(server),
      terms: ['peyroll'],
      filters: noFilters.filters,
      excludeProfileIds: [],
      limit: 10,
    });
    expect(lexical).toEqual([]);
  });

  it('blends the seed vector into lookalikes, never returning the seed, and keeps filters', async () => {
    const response = await server.alice.post('/v1/companies/paylane.de/similar', {});
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.request.ranking).toBe('hybrid');
    const domains = domainsOf(response);
    expect(domains).not.toContain('paylane.de');
    expect(domains.slice(0, 2).sort()).toEqual(['lohnwerk.de', 'payfield.com']);
    expect(domains).not.toContain('bobpay.de');
    const filtered = await server.alice.post('/v1/companies/paylane.de/similar', { filters: { include: { country: ['Germany'] } } });
    expect(domainsOf(filtered)).toEqual(['lohnwerk.de']);
  });

  it('never returns a deleted profile through the vector path', async () => {
    const lohnwerk = (await server.alice.get('/v1/companies/lohnwerk.de')).body;
    expect((await server.alice.delete(`/v1/companies/${lohnwerk.id}`)).status).toBeLessThan(300);
    expect(domainsOf(await server.alice.post('/v1/companies/search', { q: 'peyroll' }))).not.toContain('lohnwerk.de');
    expect(domainsOf(await server.alice.post('/v1/companies/paylane.de/similar', {}))).not.toContain('lohnwerk.de');
  });

  it('re-embeds a profile whose text changed, and every profile when the model changes', async () => {
    const store = server.fathom.services.store;
    const before = embeddingCalls().length;
    await server.alice.post('/v1/companies/import', {
      companies: [{ ...COMPANIES[3], products_services: 'Payroll robots for warehouses' }],
      source: 'changed.ndjson',
    });
    await waitFor(async () => ((await store.listWorkspacesToEmbed(MODEL)).length === 0 ? true : undefined), 20_000);
    const texts = embeddingCalls()
      .slice(before)
      .flatMap((call) => (call.body as { input: string[] }).input);
    expect(texts.some((text) => text.includes('Payroll robots'))).toBe(true);
    expect(texts.some((text) => text.includes('Paylane'))).toBe(false);

    // Another model: every profile of the workspace waits for a vector of it, and the job makes them.
    const workspaceId = await aliceWorkspace(server);
    expect(await store.listWorkspacesToEmbed('standin-embed-b')).toContain(workspaceId);
    const choice = createEmbeddingProvider(
      {
        provider: 'openai-compatible',
        baseUrl: llm.baseUrl,
        concurrency: 1,
        requestsPerMinute: 0,
        tokensPerMinute: 0,
        timeoutMs: 5_000,
        maxRetries: 0,
        cacheTtlMs: 0,
      },
      'standin-embed-b',
    );
    if ('problem' in choice) throw new Error(choice.problem);
    await profileEmbedJobKind(store, () => choice.provider).run({}, { workspaceId, signal: new AbortController().signal, attempt: 1, enqueue: async () => {} });
    expect(await store.listWorkspacesToEmbed('standin-embed-b')).not.toContain(workspaceId);
    const vectors = await store.listCompanyEmbeddings(workspaceId, 'standin-embed-b', null, null, 100);
    expect(vectors.map((vector) => vector.vector.length)).toEqual(new Array(COMPANIES.length - 1).fill(256));
  });
});

async function aliceWorkspace(server: TestServer): Promise<string> {
  const profile = await server.fathom.database.db
    .selectFrom('company_profiles')
    .select('workspace_id')
    .where('domain', '=', 'paylane.de')
    .executeTakeFirstOrThrow();
  return profile.workspace_id;
}
