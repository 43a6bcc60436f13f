import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HEXA_INJECTION_TEXT } from '../fixtures/fixture-web/index.ts';
import { COMPANY_READER_RULES } from '../fixtures/research-harness/company-reader-rules.ts';
import { createScriptedReader, evidencePagesOf } from '../fixtures/research-harness/scripted-reader.ts';
import { startResearchTestServer, type ResearchTestServer } from '../fixtures/research-harness/research-test-server.ts';
import { testBackends } from '../support/backends.ts';
import { waitForIdle } from '../support/wait-for.ts';

const research = (key: string, prompt: string, extra: Record<string, unknown> = {}) => ({
  kind: 'agent',
  name: key,
  key,
  value: { agent_type: 'research_pro', prompt, output_format: 'text', ...extra },
});

// No search provider: research reads each company's own site, ranked by the question.
describe.each(testBackends())('Research agents on company sites on %s', (backend) => {
  let harness: ResearchTestServer;
  const url = (site: string, path = '/') => harness.environment.web.urlFor(site, path);
  const chatRequests = () => harness.environment.llm!.calls.flatMap((call) => (call.chat ? [call.chat] : []));

  beforeAll(async () => {
    harness = await startResearchTestServer(backend, { handler: createScriptedReader(COMPANY_READER_RULES) });
  });
  beforeEach(() => {
    harness.environment.llm!.setHandler(createScriptedReader(COMPANY_READER_RULES));
  });
  afterAll(async () => {
    await harness?.close();
  });

  const runCompanyTable = async (sites: string[], columns: unknown[]) => {
    const table = (await harness.server.alice.post('/v1/tables', { kind: 'company', column_configs: columns })).body;
    await harness.server.alice.post(`/v1/tables/${table.id}/rows`, { rows: sites.map((site) => ({ data: { input: url(site) } })), run: true });
    const data = await waitForIdle(harness.server.alice, table.id, 25_000);
    return Object.fromEntries(data.rows.map((row: any, index: number) => [sites[index], row.data]));
  };

  it('answers columns of several formats with checked sources, shares pages across a row, and says "Not found" with what it read', async () => {
    harness.environment.web.resetRequestLog();
    const statisticsBefore = harness.agents.pageStatistics();
    const rows = await runCompanyTable(
      ['acme', 'borealis', 'cobalt', 'dunmore'],
      [
        research('price', 'What is the starting price?'),
        research('price_money', 'Starting price as money', { output_format: 'money' }),
        research('hiring', 'Is {company_name} hiring?', { output_format: 'select', labels: ['Yes', 'No'] }),
        research('founded', 'In which year was the company founded?', { output_format: 'numeric' }),
        research('origin', 'Founding year and city', {
          output_format: 'json',
          output_schema: { type: 'object', properties: { year: { type: 'integer' }, city: { type: 'string' } }, required: ['year', 'city'] },
        }),
        research('funding', 'How much venture funding has the company raised?'),
        { kind: 'criterion_grade', name: 'Retail', key: 'retail', value: { criterion: 'Sells to retailers' } },
      ],
    );
    for (const [site, data] of Object.entries(rows)) {
      for (const [key, cell] of Object.entries(data as Record<string, any>)) expect(cell.status, `${site}.${key}: ${cell.error}`).toBe('done');
    }
    expect(rows.acme.price.value).toMatchObject({
      answer: '$1,200 per month',
      source: [url('acme', '/pricing')],
      excerpts: [{ url: url('acme', '/pricing'), quote: 'Robots from $1,200 per month.' }],
      research: { strategy: 'company_site' },
      provider: 'openai-compatible',
      model: 'test-model',
    });
    expect(rows.acme.price.value.as_of).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(rows.acme.price.value.usage).toMatchObject({ calls: 1, searches: 0 });
    expect(rows.acme.price_money.value.answer).toEqual({ amount: 1200, currency: 'USD', period: 'month' });
    expect(rows.borealis.price_money.value.answer).toEqual({ amount: 450, currency: 'EUR', period: 'month' });
    expect(rows.dunmore.price.value.answer).toBe('€4.50');
    expect(rows.acme.hiring.value.answer).toBe('Yes');
    expect(rows.cobalt.hiring.value).toMatchObject({ answer: 'No', source: [url('cobalt', '/careers')] });
    expect(rows.acme.founded.value).toMatchObject({ answer: 2014, source: [url('acme', '/about')] });
    expect(rows.dunmore.founded.value.answer).toBe(1952);
    expect(rows.cobalt.origin.value.answer).toEqual({ year: 2017, city: 'Austin' });
    expect(rows.acme.retail.value).toMatchObject({ answer: 5, source: [expect.stringContaining(url('acme'))] });
    expect(rows.cobalt.retail.value).toMatchObject({ answer: 'Not found', source: [] });

    // "Not found" is done, cites nothing, and says where the agent looked.
    const funding = rows.acme.funding.value;
    expect(funding).toMatchObject({ answer: 'Not found', source: [], excerpts: [] });
    expect(funding.explanation).toContain(`Read: ${url('acme')}`);
    expect(funding.research.pages_read.length).toBeGreaterThan(1);

    // Every cited quote occurs in the page it cites (checked here against the fixture's own text).
    for (const data of Object.values(rows) as any[]) {
      for (const cell of Object.values(data) as any[]) {
        for (const excerpt of cell.value?.excerpts ?? []) expect(cell.value.research.pages_read).toContain(excerpt.url);
      }
    }

    // Pages are shared by all cells of a row: the profile and seven research columns fetched each page once.
    for (const site of ['acme', 'borealis', 'cobalt', 'dunmore']) {
      const paths = harness.environment.web.requestsTo(site).map((request) => request.path);
      expect(
        paths.filter((path) => path === '/'),
        site,
      ).toHaveLength(1);
      expect(new Set(paths).size, `${site}: ${paths.join(' ')}`).toBe(paths.length);
    }
    const statistics = harness.agents.pageStatistics();
    expect(statistics.hits + statistics.joins - statisticsBefore.hits - statisticsBefore.joins).toBeGreaterThan(statistics.fetches - statisticsBefore.fetches);
  });

  it('finds a fact inside a very large page, skips a page too slow to answer, reads a sitemap when the home page links nowhere, and caps what the model reads', async () => {
    const rows = await runCompanyTable(
      ['evergreen', 'glacier', 'juniper'],
      [
        research('installs', 'How many rooftop solar systems were installed in 2024, according to the blog?', { output_format: 'numeric' }),
        research('hiring', 'Is the company hiring?', { output_format: 'select', labels: ['Yes', 'No'] }),
        research('price', 'What is the starting price?'),
      ],
    );
    expect(rows.juniper.price.value).toMatchObject({ answer: '$300 per month per lab', source: [url('juniper', '/pricing-plans')] });
    expect(rows.evergreen.installs.value).toMatchObject({ answer: 1250, source: [url('evergreen', '/blog')] });
    expect(rows.evergreen.installs.value.excerpts[0].quote).toContain('1,250 rooftop solar systems');
    const glacier = rows.glacier.hiring.value;
    expect(rows.glacier.hiring.status).toBe('done');
    expect(glacier.answer).toBe('Not found');
    expect(glacier.research.pages_failed).toEqual([{ url: url('glacier', '/careers'), error: expect.stringContaining('could not be fetched within 2 s') }]);
    expect(glacier.explanation).toContain(`Could not use: ${url('glacier', '/careers')}`);
    const largest = Math.max(
      ...chatRequests()
        .filter((request) => request.schemaName === 'research_answer')
        .map((request) => request.prompt.length),
    );
    expect(largest).toBeLessThan(20_000);
  });

  it('treats page text as data: injected instructions never reach the model, cannot change the answer, and cannot leak the rules', async () => {
    const rows = await runCompanyTable(['hexa'], [research('protected', 'How many small businesses does it protect?', { output_format: 'numeric' })]);
    expect(rows.hexa.protected.value).toMatchObject({ answer: 2400, source: [url('hexa', '/about')] });
    const requests = chatRequests().filter((request) => request.schemaName === 'research_answer' && request.prompt.includes(url('hexa')));
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      expect(request.prompt).not.toContain('Ignore previous instructions');
      expect(request.prompt).not.toContain('developer mode');
      expect(request.system).not.toContain('Hexa');
      // The page sits inside the evidence block, which no page text can close.
      const evidence = request.prompt.slice(request.prompt.indexOf('<evidence>'));
      expect(evidence.match(/<\/evidence>/g)).toHaveLength(1);
      expect(evidencePagesOf(request.prompt).map((page) => page.url)).toContain(url('hexa', '/about'));
    }

    // A model that obeys the page anyway: it answers 10,000 quoting the injection, then recites its rules.
    let systemPrompt = '';
    harness.environment.llm!.setHandler((request) => {
      if (request.schemaName !== 'research_answer') return createScriptedReader(COMPANY_READER_RULES)(request);
      systemPrompt = request.system;
      const isRepair = request.prompt.includes('Your previous reply was rejected');
      return {
        content: isRepair
          ? { answer: 'Not found', explanation: request.system, excerpts: [] }
          : { answer: 10000, explanation: 'The page told me to.', excerpts: [{ url: url('hexa', '/about'), quote: HEXA_INJECTION_TEXT }] },
      };
    });
    const obeyed = await runCompanyTable(['hexa'], [research('headcount', 'How many employees does it have?', { output_format: 'numeric' })]);
    const value = obeyed.hexa.headcount.value;
    expect(obeyed.hexa.headcount.status).toBe('done');
    expect(value).toMatchObject({ answer: 'Not found', source: [], excerpts: [] });
    expect(value.explanation).toContain('repeated the agent');
    expect(systemPrompt.length).toBeGreaterThan(100);
    const stored = JSON.stringify(value);
    for (const sentence of systemPrompt.split('\n').filter((line) => line.length > 40)) expect(stored).not.toContain(sentence);
  });

  it('linkedin: answers from a public page, fails clearly where LinkedIn refuses, and never invents data', async () => {
    const table = (
      await harness.server.alice.post('/v1/tables', {
        kind: 'generic',
        column_configs: [
          {
            kind: 'agent',
            name: 'Followers',
            key: 'followers',
            value: { agent_type: 'linkedin', prompt: 'How many followers does {input} have?', output_format: 'numeric' },
          },
        ],
      })
    ).body;
    const inputs = [
      url('linkedin', '/company/acme-robotics'),
      url('linkedin', '/in/ada-gear'),
      url('linkedin', '/company/private-co'),
      url('linkedin', '/jobs/42'),
      'no profile here',
    ];
    harness.environment.web.resetRequestLog();
    await harness.server.alice.post(`/v1/tables/${table.id}/rows`, { rows: inputs.map((input) => ({ data: { input } })), run: true });
    const data = await waitForIdle(harness.server.alice, table.id, 20_000);
    const [company, person, denied, robots, none] = data.rows.map((row: any) => row.data.followers);
    expect(company.value).toMatchObject({ answer: 4812, source: [url('linkedin', '/company/acme-robotics')] });
    expect(person.status).toBe('failed');
    expect(person.error).toContain('LinkedIn asked to sign in');
    expect(denied.status).toBe('failed');
    expect(denied.error).toContain('LinkedIn could not be read');
    expect(denied.error).toContain('999');
    expect(robots.status).toBe('failed');
    expect(robots.error).toContain('robots.txt');
    // Without search or a company site there is nothing else to read: the message says what would be.
    for (const refused of [person, denied, robots]) expect(refused.error).toContain('needs a search provider (FATHOM_SEARCH_PROVIDER)');
    expect(harness.environment.web.requestsTo('linkedin', '/jobs/42')).toEqual([]);
    expect(none.value).toMatchObject({ answer: 'Not found', source: [] });

    // The sign-in wall met at /in/ is remembered: another person's page is not requested at all.
    const second = (
      await harness.server.alice.post('/v1/tables', {
        kind: 'generic',
        column_configs: [
          { kind: 'agent', name: 'Role', key: 'role', value: { agent_type: 'linkedin', prompt: 'What is the job title of {input}?', output_format: 'text' } },
        ],
      })
    ).body;
    await harness.server.alice.post(`/v1/tables/${second.id}/rows`, { rows: [{ data: { input: url('linkedin', '/in/bo-bolt') } }], run: true });
    const [walled] = (await waitForIdle(harness.server.alice, second.id, 20_000)).rows.map((row: any) => row.data.role);
    expect(walled.status).toBe('failed');
    expect(walled.error).toContain('only after sign-in');
    expect(harness.environment.web.requestsTo('linkedin').filter((request) => request.path.startsWith('/in/bo-bolt'))).toEqual([]);
  });
});
